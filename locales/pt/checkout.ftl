# Página de pagamento do comprador. Português europeu (Moçambique e Portugal).
# Variáveis: $merchant (nome da loja), $amount (valor já formatado),
# $method (nome do método de pagamento), $phone.

page-title = Pagar a { $merchant }
page-description = Pague a { $merchant } com segurança por carteira móvel ou cartão.
test-mode = Modo de teste · não há movimento de dinheiro real
secured-by = Pagamentos com Lipa
order-summary = Resumo da encomenda
total = Total
quantity = Qtd. { $quantity }
pay-with = Pagar com
method-card = Cartão
phone-label = Número { $method }
phone-hint = Vamos enviar um pedido de pagamento para este telemóvel.
pay-button = { $submit ->
    [donate] Doar { $amount }
    [book] Reservar e pagar { $amount }
   *[pay] Pagar { $amount }
}
paying = A enviar o pedido…
cancel-link = Cancelar e voltar para { $merchant }
no-methods = Este pagamento não tem nenhum método que possa usar aqui. Contacte { $merchant }.

pending-title = Verifique o seu telemóvel
pending-body = Enviámos um pedido de { $amount } para { $phone }. Introduza o seu PIN { $method } no telemóvel para o aprovar.
pending-waiting = A aguardar a sua aprovação…
pending-check = Já aprovei, verificar agora

receipt-title = Pagamento concluído
receipt-body = { $merchant } recebeu o seu pagamento.
receipt-amount = Valor pago
receipt-method = Pago com
receipt-reference = Referência
receipt-date = Data
receipt-close = Já pode fechar esta página.
return-to-merchant = Voltar para { $merchant }
redirecting = A levá-lo de volta para { $merchant }…

expired-title = Este pagamento expirou
expired-body = O prazo para pagar terminou sem que o pagamento fosse feito. Peça a { $merchant } um novo link de pagamento.
cancelled-title = Este pagamento foi cancelado
cancelled-body = { $merchant } cancelou esta encomenda, por isso já não pode ser paga.
notfound-title = Pagamento não encontrado
notfound-body = Este link de pagamento está errado ou já não existe. Verifique o link ou peça um novo à loja.
notfound-page-title = Pagamento não encontrado
notfound-page-description = Este link de pagamento não leva a nenhum pagamento.

failed-title = Pagamento não concluído
failed-retry = Pode tentar de novo ou escolher outro método.
failure-insufficient_funds = O seu saldo { $method } não chega para este pagamento.
failure-declined = O pagamento foi recusado.
failure-timeout = O seu telemóvel não respondeu ao pedido a tempo.
failure-generic = O pagamento não foi concluído.

error-phone_missing = Introduza o seu número { $method }.
error-phone_invalid_characters = Use apenas algarismos, por exemplo 84 123 4567.
error-phone_wrong_country = Este número é de outro país.
error-phone_not_allowed = Este pagamento só aceita o número indicado.
phone-locked = O comerciante definiu o número que paga este pedido.
error-phone_wrong_length = Este número não tem o número certo de algarismos.
error-phone_wrong_network = Este número não é da rede { $method }.
error-phone_not_supported = { $method } não usa número de telemóvel.
error-method_unavailable = Este método de pagamento não está disponível para esta encomenda.
error-session_closed = Este pagamento já não pode ser feito.
error-generic = Algo correu mal. Tente de novo.
error-too_many_attempts = Este checkout teve demasiados pagamentos falhados e já não aceita mais. Volte à loja para recomeçar.
error-too_many_pushes = Este número recebeu demasiados pedidos de pagamento nos últimos minutos. Aguarde um pouco ou escolha outro método.
error-too_fast = Demasiadas tentativas a partir da sua ligação. Aguarde um minuto e tente de novo.

card-number = Número do cartão
card-expiry = Validade
card-cvc = Código de segurança
card-name = Nome no cartão
redirect-hint = Vai concluir o pagamento na página do fornecedor e depois voltar aqui.

pending-countdown = Tempo para aprovar: { $time }

action-card-title = Confirme com o seu banco
action-card-body = O seu banco precisa de confirmar que é mesmo você. Depois volta a esta página.
action-redirect-title = Continuar para { $method }
action-redirect-body = Vai concluir o pagamento na página de { $method } e depois voltar aqui.
action-continue = Continuar
action-abandon = Usar outro método de pagamento

failure-card_declined = O seu cartão foi recusado.
failure-authentication_failed = O seu banco não confirmou o pagamento.
failure-cancelled = O pagamento foi cancelado antes de ser concluído.
failure-session_expired = O prazo para pagar terminou.
failure-provider_unavailable = O serviço de pagamento não respondeu.
failure-phone_unreachable = Não foi possível contactar o seu telemóvel. Verifique se está ligado e com rede e tente de novo.
failure-wrong_pin = O PIN estava errado. Tente de novo e introduza o seu PIN { $method }.
failure-payment_in_progress = A sua conta { $method } está ocupada com outro pagamento. Aguarde um minuto e tente de novo.
failure-invalid_number = Este número não tem conta { $method }. Verifique o número.
failure-limit_reached = Atingiu o limite de transações { $method } por agora.

error-card_number_missing = Introduza o número do cartão.
error-card_number_invalid = Este número de cartão não é válido. Verifique-o e tente de novo.
error-card_number_incomplete = Este número de cartão está incompleto.
error-card_expiry_invalid = Introduza a validade no formato MM/AA.
error-card_expired = Este cartão já expirou.
error-card_cvc_invalid = Introduza o código de 3 algarismos no verso do cartão (4 algarismos na frente, no American Express).
error-card_name_missing = Introduza o nome tal como aparece no cartão.

utc = UTC
month-1 = janeiro
month-2 = fevereiro
month-3 = março
month-4 = abril
month-5 = maio
month-6 = junho
month-7 = julho
month-8 = agosto
month-9 = setembro
month-10 = outubro
month-11 = novembro
month-12 = dezembro
date-time = { $day } de { $month } de { $year }, { $time }

language = Idioma
language-apply = Mudar
expires-in-minutes = { $minutes ->
    [one] Este pagamento expira dentro de { $minutes } minuto.
   *[other] Este pagamento expira dentro de { $minutes } minutos.
}
expires-in-hours = { $hours ->
    [one] Este pagamento expira dentro de { $hours } hora.
   *[other] Este pagamento expira dentro de { $hours } horas.
}
expires-on = Este pagamento expira a { $date }.
card-expiry-placeholder = MM/AA

# Sessions paid in parts (Waftpay `strict_amount: false`).
amount-label = Valor a pagar agora ({ $currency })
amount-hint = Pago até agora: { $paid } de { $total }. Falta pagar: { $left }. Pode pagar em partes.
pay-part = Pagar este valor
error-amount_invalid = Introduza um valor acima de zero e não maior do que o que falta pagar.

# The sandbox's pages (test mode) and the embed dialog's close button.
sandbox-card-title = Verificação 3-D Secure
sandbox-card-body = O seu banco pede que confirme este pagamento com { $card }.
sandbox-card-approve = Concluir autenticação
sandbox-card-decline = Falhar autenticação
sandbox-provider-title = Pagamento de teste { $method }
sandbox-provider-body = Esta página faz as vezes da página de pagamento do próprio { $method }.
sandbox-approve = Autorizar pagamento de teste
sandbox-decline = Recusar pagamento de teste
sandbox-payee = Para { $merchant }
sandbox-finished = Este pagamento de teste terminou
sandbox-back = Voltar ao pagamento
sandbox-missing = Pagamento de teste não encontrado
close = Fechar

# Payment links (/l/{id}): a buyer-chosen amount, a closed link.
link-amount-title = Quanto quer pagar?
link-amount-label = Valor ({ $currency })
link-amount-hint = Entre { $min } e { $max }.
link-amount-invalid = Indique um valor entre { $min } e { $max }.
link-closed-title = Este link de pagamento está fechado
link-closed-body = Já não aceita pagamentos. Peça um novo link ao vendedor.

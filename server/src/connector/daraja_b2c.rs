//! Safaricom M-Pesa Business to Customer (B2C), Kenya, through Daraja:
//! payouts to M-Pesa wallets.
//!
//! Follows Safaricom's Daraja documentation "Business To Customer (B2C)"
//! (`POST /mpesa/b2c/v3/paymentrequest`, its acknowledgement and the result
//! posted to `ResultURL` or `QueueTimeOutURL`; developer.safaricom.co.ke,
//! read 2026-12-01). The `SecurityCredential` is the initiator's password
//! encrypted with Safaricom's certificate, as the portal produces it; the
//! merchant gives it already encrypted. Daraja answers a B2C payment only
//! by posting its result (its Transaction Status API also answers by
//! callback), so the result is taken when it arrives at the payout's
//! unguessable URL and names the conversation Daraja opened for it and
//! the payout's own `OriginatorConversationID`; anything else is ignored.

use super::daraja::{Daraja, NAME};
use super::http::Retry;
use super::{ConnectorError, PayoutAnswer};
use crate::store::payouts::Payout;
use app::domain::payout::code;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// `CommandID`s Daraja documents for B2C.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub enum CommandId {
    BusinessPayment,
    SalaryPayment,
    PromotionPayment,
}

/// The B2C initiator, from the Daraja portal.
#[derive(Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = DarajaB2cCredentials)]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    /// The API operator's user name.
    #[schema(min_length = 1, pattern = "\\S")]
    pub initiator_name: String,
    /// The initiator's password encrypted with Safaricom's certificate
    /// (base64), as the portal's tool gives it.
    #[schema(min_length = 1, pattern = "\\S")]
    pub security_credential: String,
    /// The B2C (bulk disbursement) short code the money leaves from.
    #[schema(pattern = "^[0-9]{1,10}$", example = "600996")]
    pub short_code: String,
    pub command_id: CommandId,
}

impl Credentials {
    pub fn problem(&self) -> Option<(&'static str, &'static str)> {
        if self.initiator_name.trim().is_empty() {
            return Some(("b2c.initiator_name", "must not be empty"));
        }
        if self.security_credential.trim().is_empty() {
            return Some(("b2c.security_credential", "must not be empty"));
        }
        let s = &self.short_code;
        if s.is_empty() || s.len() > 10 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Some(("b2c.short_code", "must be the short code's digits"));
        }
        None
    }
}

/// A B2C `ResultCode`, in Lipa's payout codes.
fn failure_code(result: &str) -> &'static str {
    match result {
        // The receiver cannot be paid by this service (not registered).
        "2040" | "8" | "R000002" => code::RECIPIENT_NOT_FOUND,
        "17" | "26" | "SFC_IC0003" => code::PROVIDER_UNAVAILABLE,
        _ => code::PROVIDER_DECLINED,
    }
}

impl Daraja {
    fn b2c(&self) -> Result<&Credentials, ConnectorError> {
        self.creds
            .b2c
            .as_ref()
            .ok_or_else(|| ConnectorError::new(NAME, "the account has no B2C initiator"))
    }

    /// `POST /mpesa/b2c/v3/paymentrequest`: accepted means pending until
    /// the result arrives.
    pub async fn b2c_payment(
        &self,
        p: &Payout,
        callback_url: &str,
    ) -> Result<PayoutAnswer, ConnectorError> {
        let b2c = self.b2c()?;
        let unit = 10i64.pow(u32::from(p.currency.exponent()));
        if p.amount % unit != 0 {
            return Ok(PayoutAnswer::Failed {
                code: code::PROVIDER_DECLINED.into(),
                message: "M-Pesa pays whole shillings only".into(),
            });
        }
        let remarks = p.description.as_deref().unwrap_or("Payout");
        let body = json!({
            "OriginatorConversationID": p.id,
            "InitiatorName": b2c.initiator_name,
            "SecurityCredential": b2c.security_credential,
            "CommandID": b2c.command_id,
            "Amount": p.amount / unit,
            "PartyA": b2c.short_code,
            "PartyB": p.phone.trim_start_matches('+'),
            "Remarks": remarks.chars().take(100).collect::<String>(),
            // A queue time-out is a result too (`SFC_IC0003`): one address.
            "QueueTimeOutURL": callback_url,
            "ResultURL": callback_url,
            "Occasion": p.id,
        });
        // Never repeated: a second request could pay twice.
        let a = self
            .post(
                "b2c_payment",
                "/mpesa/b2c/v3/paymentrequest",
                &body,
                Retry::Never,
            )
            .await?;
        if a.ok() && a.text("ResponseCode").as_deref() == Some("0") {
            return Ok(PayoutAnswer::Pending {
                reference: a.text("ConversationID"),
            });
        }
        let why = a
            .text("errorMessage")
            .or_else(|| a.text("ResponseDescription"))
            .unwrap_or_else(|| format!("HTTP {}", a.status));
        Ok(PayoutAnswer::Failed {
            code: code::PROVIDER_DECLINED.into(),
            message: format!("M-Pesa refused the payout: {why}"),
        })
    }
}

/// Reads Daraja's B2C result (or queue time-out) for `p`; `None` when it
/// does not name the conversation Daraja opened for this payout.
pub fn result(p: &Payout, body: &Value) -> Option<PayoutAnswer> {
    let r = &body["Result"];
    let text = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    // The path's tag already names the payout; a result that arrives
    // before Daraja's acknowledgement was stored is checked by our id only.
    let conversation = text(&r["ConversationID"]);
    let ours = text(&r["OriginatorConversationID"]).as_deref() == Some(p.id.as_str())
        && conversation.is_some()
        && (p.connector_reference.is_none() || conversation == p.connector_reference);
    if !ours {
        return None;
    }
    let code = text(&r["ResultCode"]).unwrap_or_default();
    let desc = text(&r["ResultDesc"]).unwrap_or_default();
    if code == "0" {
        return Some(PayoutAnswer::Paid {
            reference: text(&r["TransactionID"]),
        });
    }
    Some(PayoutAnswer::Failed {
        code: failure_code(&code).into(),
        message: format!("M-Pesa {code}: {desc}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::payout::PayoutStatus;

    fn payout(reference: Option<&str>) -> Payout {
        Payout {
            id: "po_1".into(),
            merchant_id: "m".into(),
            livemode: true,
            amount: 10_000,
            currency: app::domain::Currency::parse("KES").unwrap(),
            provider: app::domain::MethodId::Mpesa,
            phone: "+254712345678".into(),
            status: PayoutStatus::Pending,
            description: None,
            metadata: Default::default(),
            failure_code: None,
            failure_message: None,
            product_id: None,
            connector: NAME.into(),
            connector_account: None,
            connector_reference: reference.map(str::to_owned),
            callback_token: "t".into(),
            created_at: 0,
            created_seq: 0,
            updated_at: 0,
            arrived_at: None,
        }
    }

    #[test]
    fn only_our_conversations_result_counts() {
        let body = |conv: &str, orig: &str, code: Value| {
            json!({"Result": {"ResultType": 0, "ResultCode": code, "ResultDesc": "desc",
                "OriginatorConversationID": orig, "ConversationID": conv, "TransactionID": "NLJ41HAY6Q"}})
        };
        let p = payout(Some("AG_1"));
        assert_eq!(
            result(&p, &body("AG_1", "po_1", json!(0))),
            Some(PayoutAnswer::Paid {
                reference: Some("NLJ41HAY6Q".into())
            })
        );
        assert!(matches!(
            result(&p, &body("AG_1", "po_1", json!(2040))),
            Some(PayoutAnswer::Failed { code, .. }) if code == "recipient_not_found"
        ));
        assert_eq!(result(&p, &body("AG_2", "po_1", json!(0))), None);
        assert_eq!(result(&p, &body("AG_1", "po_2", json!(0))), None);
        assert!(matches!(
            result(&payout(None), &body("AG_1", "po_1", json!(0))),
            Some(PayoutAnswer::Paid { .. })
        ));
        assert_eq!(result(&p, &json!({})), None);
    }
}

//! The objects Lipa's native API answers with and its webhooks carry, one
//! typed struct per resource, built from the stored rows. The OpenAPI
//! document is generated from these same types, so it cannot drift from
//! what is sent.

mod balance;
mod charge;
mod connector_account;
pub mod event;
mod payment_link;
mod payout;
mod product;
mod refund;
mod session;

pub use balance::{BalanceObject, BalanceTransactionList, BalanceTransactionObject};
pub use charge::{ChargeList, ChargeObject, PaymentMethodDetails};
pub use connector_account::{ConnectorAccountList, ConnectorAccountObject};
pub use event::{
    DeliveryObject, EventData, EventList, EventObject, Redelivery, WebhookAttemptList,
    WebhookAttemptObject,
};
pub use payment_link::{PaymentLinkList, PaymentLinkObject};
pub use payout::{CheckedBy, PayoutList, PayoutObject, PayoutValidation};
pub use product::{ProductList, ProductObject, WebhookEndpointObject};
pub use refund::{AmountObject, ChargebackObject, RefundDetails, RefundList, RefundObject};
pub use session::{CheckoutSessionList, CheckoutSessionObject, LineItemObject, PaymentObject};

use serde::Serialize;
use utoipa::ToSchema;

/// Unix seconds from stored milliseconds.
pub fn secs(ms: i64) -> i64 {
    ms.div_euclid(1000)
}

/// A currency code as the native API writes it: `mzn`.
pub fn lower_code(c: app::domain::Currency) -> String {
    c.code().to_ascii_lowercase()
}

/// The constant `object` (or `mode`, `type`) field of an object: a one-value
/// enum, so the schema says exactly what is sent.
macro_rules! tag {
    ($name:ident = $value:literal) => {
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub enum $name {
            #[default]
            Value,
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str($value)
            }
        }

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::Schema> {
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::Type::String)
                    .enum_values(Some([$value]))
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {}
    };
}

tag!(ListTag = "list");
tag!(SessionTag = "checkout_session");
tag!(PaymentMode = "payment");
tag!(ItemTag = "item");
tag!(PaymentTag = "payment");
tag!(RefundTag = "refund");
tag!(ChargebackTag = "chargeback");
tag!(EventTag = "event");
tag!(AttemptTag = "webhook_attempt");
tag!(ProductTag = "product");
tag!(ProductType = "api_gateway");
tag!(ConnectorAccountTag = "connector_account");
tag!(BalanceTag = "balance");
tag!(BalanceTxTag = "balance_transaction");
tag!(ChargeTag = "charge");
tag!(PayoutTag = "payout");
tag!(PaymentLinkTag = "payment_link");

/// A list object: `{"object": "list", "data": [...], "paging": {...}}`.
macro_rules! list {
    ($(#[$doc:meta])* $name:ident of $item:ty) => {
        $(#[$doc])*
        #[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
        pub struct $name {
            object: $crate::objects::ListTag,
            data: Vec<$item>,
            paging: $crate::objects::Paging,
        }

        impl $name {
            pub fn new(data: Vec<$item>, paging: $crate::objects::Paging) -> $name {
                $name { object: $crate::objects::ListTag::Value, data, paging }
            }
        }
    };
    ($(#[$doc:meta])* $name:ident of $item:ty, unpaged) => {
        $(#[$doc])*
        #[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
        pub struct $name {
            object: $crate::objects::ListTag,
            data: Vec<$item>,
        }

        impl $name {
            pub fn new(data: Vec<$item>) -> $name {
                $name { object: $crate::objects::ListTag::Value, data }
            }
        }
    };
}
pub(crate) use list;

/// The `paging` object of lists (newest first; "next" pages are older).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Paging {
    limit: i64,
    /// Older items follow.
    has_next_page: bool,
    /// Newer items precede.
    has_previous_page: bool,
    start_cursor: Option<String>,
    end_cursor: Option<String>,
}

impl Paging {
    /// The paging of a page of a list; `id` names an item.
    pub fn of_slice<T>(
        limit: i64,
        slice: &crate::store::query::Slice<T>,
        id: impl Fn(&T) -> &String,
    ) -> Paging {
        Paging {
            limit,
            has_next_page: slice.has_older,
            has_previous_page: slice.has_newer,
            start_cursor: slice.items.first().map(&id).cloned(),
            end_cursor: slice.items.last().map(&id).cloned(),
        }
    }
}

/// `{"error": {...}}`, with the HTTP status that fits.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(as = Error)]
pub struct ErrorObject {
    pub error: ErrorBody,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// Stable, for programs: `parameter_missing`, `amount_too_large`, ...
    pub code: String,
    /// For people.
    pub message: String,
    /// The request field at fault (`line_items[1].quantity`), if one is.
    pub param: Option<String>,
}

//! The objects Lipa's native API answers with and its webhooks carry, one
//! typed struct per resource, built from the stored rows. The OpenAPI
//! document is generated from these same types, so it cannot drift from
//! what is sent.

pub mod event;
mod product;
mod refund;
mod session;

pub use event::{
    DeliveryObject, EventData, EventList, EventObject, Redelivery, WebhookAttemptList,
    WebhookAttemptObject,
};
pub use product::{ProductList, ProductObject, ProductType, WebhookEndpointObject};
pub use refund::{ChargebackObject, RefundAmount, RefundDetails, RefundList, RefundObject};
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
        #[derive(
            Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, utoipa::ToSchema,
        )]
        pub enum $name {
            #[default]
            #[serde(rename = $value)]
            Value,
        }
    };
}
pub(crate) use tag;

tag!(ListTag = "list");

/// The `paging` object of lists (newest first; "next" pages are older).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Paging {
    pub limit: i64,
    /// Older items follow.
    pub has_next_page: bool,
    /// Newer items precede.
    pub has_previous_page: bool,
    pub start_cursor: Option<String>,
    pub end_cursor: Option<String>,
}

impl Paging {
    /// A page of `ids` (in list order) with what lies beyond either end.
    pub fn of<'a>(
        limit: i64,
        has_older: bool,
        has_newer: bool,
        mut ids: impl DoubleEndedIterator<Item = &'a str>,
    ) -> Paging {
        let first = ids.next().map(str::to_owned);
        let last = ids.next_back().map(str::to_owned).or_else(|| first.clone());
        Paging {
            limit,
            has_next_page: has_older,
            has_previous_page: has_newer,
            start_cursor: first,
            end_cursor: last,
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

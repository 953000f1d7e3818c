//! A model is `#[non_exhaustive]`: a struct literal from outside the crate
//! does not compile, so adding a property later breaks nobody.

use partner_center_models::SecureString;

fn main() {
    let _secret = SecureString { length: Some(12), ..Default::default() };
}

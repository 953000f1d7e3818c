//! `cargo xtask bench`: written later.

use crate::flags::PagesOptions;

pub(crate) fn run(_options: &PagesOptions) -> Result<(), String> {
    Err("not yet".into())
}

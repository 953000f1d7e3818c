//! `partner-center conformance DIR`: written next.

use crate::Failure;

pub(crate) fn run(_dir: &str) -> Result<String, Failure> {
    Err(Failure::Usage("not yet".into()))
}

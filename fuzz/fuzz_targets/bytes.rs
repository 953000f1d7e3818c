//! Arbitrary bytes as one resource page.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    partner_center_fuzz::check_bytes(data);
});

//! Pages built from headings, tables, links and type words.
#![no_main]

use partner_center_fuzz::pages::Pages;

libfuzzer_sys::fuzz_target!(|pages: Pages| {
    partner_center_fuzz::check_pages(&pages);
});

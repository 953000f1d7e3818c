//! How a consumer uses the models, checked by compiling it: `ui/pass/`
//! must build and run, `ui/fail/` must fail with the reviewed `.stderr`.
//! After a deliberate change: `TRYBUILD=overwrite cargo test -p
//! partner-center-models --test ui`, then review the `.stderr` diff.

#[test]
fn consumer_code() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}

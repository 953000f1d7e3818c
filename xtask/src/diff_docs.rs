//! `cargo xtask diff-docs OLD NEW`: the change report between two docs
//! folders, as `cargo xtask codegen` prints it against the committed
//! models, without generating or touching anything.

use partner_center_codegen::changes::{self, Impact};
use partner_center_codegen::{Diagnostics, Model, Sources, Surface};

use crate::Failure;
use crate::codegen::{print_diagnostics, render_report};
use crate::flags::{DiffOptions, FailOn, MessageFormat, PagesOptions};
use crate::pages::read_pages;
use crate::paths::{display, workspace_root};

pub(crate) fn run(options: &DiffOptions) -> Result<(), Failure> {
    let (report, text) = report(options)?;
    print!("{text}");
    let failing = match options.fail_on {
        None => None,
        Some(FailOn::Breaking) => Some(Impact::Breaking),
        Some(FailOn::Additive) => Some(Impact::Additive),
    };
    match failing {
        Some(class) if report.changes.iter().any(|c| c.impact <= class) => {
            Err(Failure::Drift(format!(
                "error: the docs update has {} changes (--fail-on {})",
                class.label(),
                class.label()
            )))
        }
        _ => Ok(()),
    }
}

/// The report, and its text as `options` asks.
pub(crate) fn report(options: &DiffOptions) -> Result<(changes::Report, String), Failure> {
    let root = workspace_root();
    let (old_sources, old) = model(&options.old, options.pages.as_deref())?;
    let (new_sources, new) = model(&options.new, options.pages.as_deref())?;
    let report = changes::compare(&Surface::full(&old), &Surface::full(&new));
    let pages = changes::Pages { old: Some(&old_sources), new: &new_sources };
    let title = format!(
        "Changes to the crates: {} -> {}",
        display(&options.old, &root),
        display(&options.new, &root)
    );
    let text = render_report(&report, pages, &title, options.report_format);
    Ok((report, text))
}

/// The model of one folder; its errors, if any, stop the comparison.
fn model(dir: &std::path::Path, pages: Option<&str>) -> Result<(Sources, Model), Failure> {
    let root = workspace_root();
    let input = PagesOptions { pages: pages.map(str::to_owned), ..PagesOptions::default() };
    let sources = read_pages(dir, &input, &root)?;
    let mut diagnostics = Diagnostics::default();
    let model = partner_center_codegen::build_model(&sources, &mut diagnostics);
    if diagnostics.has_errors() {
        print_diagnostics(&diagnostics.into_sorted(), &sources, MessageFormat::Human);
        return Err(Failure::Docs(format!(
            "error: the pages in {} have errors; no report",
            display(dir, &root)
        )));
    }
    Ok((sources, model))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use expect_test::expect;

    use super::*;
    use crate::flags::ReportFormat;

    /// Copies the `.md` pages of `from` into a fresh `to`.
    fn copy_pages(from: &Path, to: &Path) {
        let _ = std::fs::remove_dir_all(to);
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") {
                std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
            }
        }
    }

    fn edit(path: &Path, edits: &[(&str, &str)]) {
        let mut text = std::fs::read_to_string(path).unwrap();
        for (from, to) in edits {
            assert!(text.contains(from), "{} has no `{from}`", path.display());
            text = text.replacen(from, to, 1);
        }
        std::fs::write(path, text).unwrap();
    }

    /// One page of the reference edited five ways: the report lists exactly
    /// those five changes.
    #[test]
    #[ignore = "needs the Partner Center reference: PC_DOCS_DIR=../shared/partner-center-docs cargo test -- --include-ignored (see README)"]
    fn an_edited_reference_page_reports_exactly_its_edits() {
        let reference = crate::pages::reference_for_tests();
        let scratch = crate::paths::target_dir(&workspace_root()).join("xtask-tests/diff-docs");
        let new = scratch.join("new");
        copy_pages(Path::new(&reference), &new);
        edit(
            &new.join("entitlement-resources.md"),
            &[
                (
                    "| alternateId | string | The alternate ID of the referenced order line item. |\n",
                    "| alternateId | string | The alternate ID of the referenced order line item. |\n\
                     | orderDate | datetime | When the order was placed. |\n",
                ),
                ("| status | string | The status of quantity. |\n", ""),
                (
                    "| quantity | int | The number of items. |",
                    "| quantity | double | The number of items. |",
                ),
                (
                    "| VirtualMachineReservedInstance | Indicates entitlement type related to Azure Reserved Virtual Machine Instances. |\n",
                    "| VirtualMachineReservedInstance | Indicates entitlement type related to Azure Reserved Virtual Machine Instances. |\n\
                     | SaaS | A software-as-a-service subscription. |\n",
                ),
                (
                    "The link to get all associated artifact details.",
                    "The link to every associated artifact detail.",
                ),
            ],
        );
        let options = DiffOptions {
            old: reference.into(),
            new: new.clone(),
            pages: None,
            report_format: ReportFormat::Text,
            fail_on: None,
        };
        let (_, report) = report(&options).unwrap_or_else(|f| panic!("{}", f.message()));
        let shown = display(&scratch, &workspace_root());
        let report = report.replace(&shown, "<scratch>");
        let lines: Vec<&str> = report.lines().skip(1).collect();
        expect![[r#"
            breaking   <scratch>/new/entitlement-resources.md:40:1: field removed: `QuantityDetail.status` (`status`, `String`)
            breaking   <scratch>/new/entitlement-resources.md:46:1: field type changed: `QuantityDetail.quantity`: `i64` -> `f64`
            additive   <scratch>/new/entitlement-resources.md:38:1: field added: `ReferenceOrder.order_date` (`orderDate`, `DateTime`)
            additive   <scratch>/new/entitlement-resources.md:59:3: enum value added: `EntitlementType::SaaS` (`SaaS`), which decoded to the fallback variant before
            docs-only  <scratch>/new/entitlement-resources.md:87:1: docs changed: `ReservedInstanceArtifact.link`
            implied version bump: major (2 breaking, 2 additive, 1 docs-only)
        "#]].assert_eq(&lines.join("\n"));

        // As a CI gate: the breaking changes fail it, and so they do at
        // --fail-on additive; no --fail-on, no failure.
        for (fail_on, fails) in
            [(Some(FailOn::Breaking), true), (Some(FailOn::Additive), true), (None, false)]
        {
            let options = DiffOptions { fail_on, ..options.clone() };
            assert_eq!(run(&options).is_err(), fails, "{fail_on:?}");
        }
        let same = DiffOptions {
            new: options.old.clone(),
            fail_on: Some(FailOn::Additive),
            ..options.clone()
        };
        assert!(run(&same).is_ok(), "no change fails nothing");
    }
}

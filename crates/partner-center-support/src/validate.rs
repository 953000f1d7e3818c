//! Checking a request body against the constraints the reference states
//! (a Required column, a `Length (min, max)` column) before it is sent.
//!
//! The generated models implement [`Validate`] where the reference states a
//! constraint for them or for something they contain; [`Validate::validate`]
//! returns every violation, each with its JSON path.

use std::fmt;

/// A model whose documented constraints can be checked.
pub trait Validate {
    /// Adds every violation in `self` to `violations`; `path` is where
    /// `self` sits in the document (`$` at the top).
    fn validate_at(&self, path: &str, violations: &mut Vec<Violation>);

    /// Every violation of the documented constraints, or `Ok` if none.
    fn validate(&self) -> Result<(), Vec<Violation>> {
        let mut violations = Vec::new();
        self.validate_at("$", &mut violations);
        if violations.is_empty() { Ok(()) } else { Err(violations) }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_at(&self, path: &str, violations: &mut Vec<Violation>) {
        for (i, item) in self.iter().enumerate() {
            item.validate_at(&format!("{path}[{i}]"), violations);
        }
    }
}

impl<T: Validate> Validate for Box<T> {
    fn validate_at(&self, path: &str, violations: &mut Vec<Violation>) {
        (**self).validate_at(path, violations);
    }
}

/// One broken constraint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// Where, as a JSON path with wire names (`$.billingProfile.defaultAddress.country`).
    pub path: String,
    /// What is wrong.
    pub problem: Problem,
}

/// What is wrong with a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A required property is absent.
    Missing,
    /// A text has fewer characters than allowed.
    TooShort {
        /// Fewest characters allowed.
        min: u32,
        /// Characters it has.
        length: usize,
    },
    /// A text has more characters than allowed.
    TooLong {
        /// Most characters allowed.
        max: u32,
        /// Characters it has.
        length: usize,
    },
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.problem {
            Problem::Missing => write!(f, "{}: required but missing", self.path),
            Problem::TooShort { min, length } => {
                write!(f, "{}: {length} characters, at least {min} required", self.path)
            }
            Problem::TooLong { max, length } => {
                write!(f, "{}: {length} characters, at most {max} allowed", self.path)
            }
        }
    }
}

impl std::error::Error for Violation {}

/// Checks that a required property is present.
pub fn required<T>(value: &Option<T>, path: &str, name: &str, violations: &mut Vec<Violation>) {
    if value.is_none() {
        violations.push(Violation { path: format!("{path}.{name}"), problem: Problem::Missing });
    }
}

/// Checks that a present text has between `min` and `max` characters.
pub fn length(
    value: &Option<String>,
    (min, max): (u32, u32),
    path: &str,
    name: &str,
    violations: &mut Vec<Violation>,
) {
    let Some(text) = value else { return };
    let length = text.chars().count();
    let problem = if length < min as usize {
        Problem::TooShort { min, length }
    } else if length > max as usize {
        Problem::TooLong { max, length }
    } else {
        return;
    };
    violations.push(Violation { path: format!("{path}.{name}"), problem });
}

/// Checks a present nested model (or list of models).
pub fn nested<T: Validate>(
    value: &Option<T>,
    path: &str,
    name: &str,
    violations: &mut Vec<Violation>,
) {
    if let Some(value) = value {
        value.validate_at(&format!("{path}.{name}"), violations);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Address {
        country: Option<String>,
        city: Option<String>,
    }

    impl Validate for Address {
        fn validate_at(&self, path: &str, violations: &mut Vec<Violation>) {
            required(&self.city, path, "city", violations);
            length(&self.country, (2, 2), path, "country", violations);
        }
    }

    struct Profile {
        addresses: Option<Vec<Address>>,
    }

    impl Validate for Profile {
        fn validate_at(&self, path: &str, violations: &mut Vec<Violation>) {
            nested(&self.addresses, path, "addresses", violations);
        }
    }

    #[test]
    fn reports_every_violation_with_its_path() {
        let profile = Profile {
            addresses: Some(vec![
                Address { country: Some("GB".into()), city: Some("Leeds".into()) },
                Address { country: Some("GBR".into()), city: None },
                Address { country: Some("G".into()), city: Some("Cork".into()) },
            ]),
        };
        let violations = profile.validate().unwrap_err();
        let shown: Vec<String> = violations.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "$.addresses[1].city: required but missing",
                "$.addresses[1].country: 3 characters, at most 2 allowed",
                "$.addresses[2].country: 1 characters, at least 2 required",
            ]
        );
    }

    #[test]
    fn absent_optional_values_and_good_values_pass() {
        let profile = Profile {
            addresses: Some(vec![Address { country: None, city: Some("Ghent".into()) }]),
        };
        assert_eq!(profile.validate(), Ok(()));
        assert_eq!(Profile { addresses: None }.validate(), Ok(()));
    }
}

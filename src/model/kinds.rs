//! The closed vocabularies of the content: an agency's kind, a water body's
//! kind, a water-quality class, an indicator's direction. Each is an enum
//! whose `key()` is the word the content files are written in; templates
//! and data files see the same word (`Display` and `Serialize` write it), so
//! the output does not depend on how the enum is spelt in Rust.
//!
//! Validation turns the written word into the enum with [`Vocabulary::parse`]
//! and, for a word that is not one of them, suggests the nearest key.

use serde::{Serialize, Serializer};
use std::fmt;

/// A closed set of words, each an enum variant.
pub trait Vocabulary: Copy + Sized + 'static {
    /// Every value, in the order pages list them.
    const ALL: &'static [Self];

    /// The word as written in content files.
    fn key(self) -> &'static str;

    fn parse(word: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.key() == word)
    }

    /// Every key, in order.
    fn keys() -> impl Iterator<Item = &'static str> {
        Self::ALL.iter().map(|k| k.key())
    }
}

/// An enum with a key per variant, `ALL` in the order given, and `Display`
/// and `Serialize` writing the key. `key` and `ALL` are inherent too, so
/// callers need not import the trait.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident { $($(#[$vmeta:meta])* $variant:ident => $key:literal,)+ }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            pub fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $key,)+
                }
            }
        }

        impl Vocabulary for $name {
            const ALL: &'static [$name] = $name::ALL;
            fn key(self) -> &'static str {
                $name::key(self)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.key())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.key())
            }
        }
    };
}

vocabulary! {
    /// What kind of body an agency is (`kind:` in agencies.yaml). The agency
    /// index groups agencies by kind in this order.
    AgencyKind {
        DistrictBureau => "district-bureau",
        DevelopmentZoneBureau => "development-zone-bureau",
        Town => "town",
        ParkAdministration => "park-administration",
        PublicInstitution => "public-institution",
        CoordinatingOffice => "coordinating-office",
        VerticalAgency => "vertical-agency",
        CourtProcuratorate => "court-procuratorate",
        PartyOrgan => "party-organ",
        MassOrganisation => "mass-organisation",
        EnterpriseOrInstitute => "enterprise-or-institute",
        /// A collective ("district-level units"), not one body: it has no
        /// page of its own in some lists.
        Group => "group",
    }
}

vocabulary! {
    /// What kind of water body a river is (`kind:` in rivers.yaml).
    RiverKind {
        River => "river",
        Creek => "creek",
        Reservoir => "reservoir",
        Lake => "lake",
    }
}

vocabulary! {
    /// A surface-water quality class (GB 3838-2002), as published.
    WaterClass {
        I => "Ⅰ",
        II => "Ⅱ",
        III => "Ⅲ",
        IV => "Ⅳ",
        V => "Ⅴ",
        /// Worse than class V: a measured result, never a target.
        WorseThanV => "劣Ⅴ",
    }
}

vocabulary! {
    /// Which way an indicator's target points (`directions:` in
    /// indicators/values.yaml).
    Direction {
        AtLeast => "at-least",
        AtMost => "at-most",
        MeetCityTarget => "meet-city-target",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_back_and_print_as_written() {
        for k in AgencyKind::ALL {
            assert_eq!(AgencyKind::parse(k.key()), Some(*k));
        }
        assert_eq!(RiverKind::parse("reservoir"), Some(RiverKind::Reservoir));
        assert_eq!(RiverKind::parse("Reservoir"), None);
        assert_eq!(WaterClass::WorseThanV.to_string(), "劣Ⅴ");
        assert_eq!(
            serde_json::to_string(&[Some(WaterClass::III), None]).unwrap(),
            r#"["Ⅲ",null]"#
        );
        assert_eq!(
            Direction::keys().collect::<Vec<_>>(),
            ["at-least", "at-most", "meet-city-target"]
        );
    }
}

//! Agency names in English name their place, by the naming rules of the
//! agency registry (`agency_names` in config.yaml).

use super::StyleIssue;
use crate::load::raw::RawNamingRule;

/// The naming rule of the agency registry (`agency_names` in config.yaml):
/// an agency whose Chinese name starts with a rule's `zh_prefix` (the
/// longest that matches) names that place in English. For Dazu, 区… bodies
/// say "Dazu District" and 经开区… bodies the development zone in full, so
/// that neither can be taken for the other or for another zone.
pub fn agency_name_issue(zh: &str, en: &str, rules: &[RawNamingRule]) -> Option<StyleIssue> {
    let rule = rules
        .iter()
        .filter(|r| !r.zh_prefix.is_empty() && zh.starts_with(r.zh_prefix.as_str()))
        .max_by_key(|r| r.zh_prefix.len())?;
    (!en.contains(rule.en.as_str())).then(|| StyleIssue {
        message: format!(
            "the English name of a body whose Chinese name starts with {} must name its place: \"{} …\"",
            rule.zh_prefix, rule.en
        ),
        help: format!(
            "write the name as \"{} …\" (the rule is `agency_names` in config.yaml; agencies.yaml states it in its header)",
            rule.en
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_names_name_their_place() {
        let rules = [
            RawNamingRule {
                zh_prefix: "区".into(),
                en: "Dazu District".into(),
            },
            RawNamingRule {
                zh_prefix: "经开区".into(),
                en: "Shuangqiao Economic and Technological Development Zone".into(),
            },
        ];
        let issue = |zh: &str, en: &str| agency_name_issue(zh, en, &rules);
        assert!(issue(
            "区生态环境局",
            "Dazu District Ecology and Environment Bureau"
        )
        .is_none());
        assert!(issue(
            "区委宣传部",
            "Publicity Department of the CPC Dazu District Committee"
        )
        .is_none());
        let i = issue("区生态环境局", "District Ecology and Environment Bureau").unwrap();
        assert_eq!(
            i.message,
            "the English name of a body whose Chinese name starts with 区 must name its place: \"Dazu District …\""
        );
        let i = issue(
            "经开区生态环境局",
            "Development Zone Ecology and Environment Bureau",
        )
        .unwrap();
        assert!(i.message.contains("starts with 经开区"), "{}", i.message);
        assert!(issue(
            "经开区建设局",
            "Shuangqiao Economic and Technological Development Zone Construction Bureau"
        )
        .is_none());
        // Names that match no prefix, and registries without a rule, are free.
        assert!(issue("大足高新区", "Dazu High-tech Industrial Development Zone").is_none());
        assert!(agency_name_issue("区水利局", "District Water Resources Bureau", &[]).is_none());
    }
}

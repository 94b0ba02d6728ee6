//! Text shared by the stages that check content and the ones that show it:
//! markdown → sanitised HTML (`markdown`, with `links` judging where an
//! address leads and marking links to other sites), which `validate` uses
//! to report what the sanitiser would remove and `views` uses to render
//! notes, updates and pages; English matched as words (`english`), which the
//! translation check uses to find glossary terms and `views` to link
//! them; runs of digits (`digits`), which the translation checks compare.
//! Living below both, it lets neither reach into the
//! other or into `render`.

pub mod digits;
pub mod english;
pub mod feedback;
mod links;
pub mod markdown;

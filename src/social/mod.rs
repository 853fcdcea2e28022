//! Getting articles shared: share cards ([`cards`]), the meta tags link
//! previews read ([`meta`]), share links ([`links`]), the social kit a
//! communications team schedules posts from ([`kit`]), and the text rules
//! they all follow ([`text`]).

pub mod cards;
pub mod kit;
pub mod links;
pub mod meta;
pub mod spreadsheet;
pub mod text;

//! The pure scoring core: documents, rule packs, scoring, checks, figures for display and the
//! JSON format. It knows nothing of the DOM or the browser and compiles and is tested natively;
//! the browser app, the command-line checker and the tests all run this same code.

pub mod adopt;
pub mod chart;
pub mod check;
pub mod edit;
pub mod examples;
pub mod exchange;
pub mod final_accounts;
pub mod figures;
pub mod finding;
pub mod finding_scope;
pub mod forms;
pub mod insert_data;
pub mod measure;
pub mod narrative;
pub mod num;
pub mod ondemand;
pub mod print;
pub mod report;
pub mod review;
pub mod rules;
pub mod rules_page;
pub mod rules_text;
pub mod score;
pub mod serde_dec;
pub mod view;

pub use check::{evaluate, evaluate_reusing, evaluate_with, Evaluation, Scored};
pub use finding::{Finding, Severity};
pub use report::Report;

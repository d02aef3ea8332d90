//! Rebuilds the crate when a translation changes: `static_loader!` compiles the .ftl
//! files in but does not tell cargo about them, so edits were silently ignored.

fn main() {
    println!("cargo:rerun-if-changed=locales");
}

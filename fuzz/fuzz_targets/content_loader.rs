#![no_main]
// Every content parser (each YAML file type, markdown front matter and body,
// the translation checks) must turn any input into a value or a diagnostic.
libfuzzer_sys::fuzz_target!(|data: &[u8]| gongkai::fuzzing::content(data));

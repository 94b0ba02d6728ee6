#![no_main]
// The source-document parser must reject any damaged document with a
// diagnostic, never a panic or a hang.
libfuzzer_sys::fuzz_target!(|data: &[u8]| gongkai::fuzzing::import(data));

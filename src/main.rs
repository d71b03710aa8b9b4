//! The `oneonone` executable: parse nothing here, hand the process over to
//! the library and turn its answer into an exit code.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(oneonone::run(std::env::args_os()))
}

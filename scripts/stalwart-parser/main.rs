// Stalwart's own config parser (crates/utils/src/config/parser.rs, spliced in by build.sh
// above this file's items), run on each file named on the command line. Prints one line
// per file: `OK` and the sorted keys, or `ERR` and Stalwart's message, as JSON.
fn json(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
        let mut config = Config::default();
        let result = match config.parse(&text) {
            Ok(()) => {
                let pairs: Vec<String> =
                    config.keys.iter().map(|(k, v)| format!("{}:{}", json(k), json(v))).collect();
                format!("{{\"keys\":{{{}}}}}", pairs.join(","))
            }
            Err(e) => format!("{{\"error\":{}}}", json(&e)),
        };
        println!("{}\t{}", path, result);
    }
}

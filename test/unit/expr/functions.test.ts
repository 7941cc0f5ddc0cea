import { describe, expect, it } from "vitest";
import { arr, float, int, str } from "../../../functions/core/expr/value";
import { json, makeEnv } from "./helpers";

const S = (value: string) => ({ type: "string", value });
const I = (value: number) => ({ type: "integer", value });
const A = (...value: unknown[]) => ({ type: "array", value });
const SA = (...v: string[]) => A(...v.map(S));

describe("§4 function details that differ from what the names suggest", () => {
  it.each([
    // len counts UTF-8 bytes (or elements); substring/count_chars count characters
    ["len('héllo')", I(6)],
    ["len([1, 2, 3])", I(3)],
    ["len(12345)", I(5)],
    ["count_chars('héllo')", I(5)],
    ["substring('héllo', 1, 3)", S("éll")],
    ["substring('abc', 5, 1)", S("")],
    ["substring('abc', 1, 100)", S("bc")],
    // count
    ["count([1, 2])", I(2)],
    ["count('x')", I(1)],
    ["count(0)", I(1)],
    ["count('')", I(0)],
    // is_empty / is_number
    ["is_empty('')", I(1)],
    ["is_empty([])", I(1)],
    ["is_empty(0)", I(0)],
    ["is_number('123')", I(0)],
    ["is_number(1.5)", I(1)],
    // contains
    ["contains('hello', 'ell')", I(1)],
    ["contains(['a', 'b'], 'b')", I(1)],
    ["contains(['a', 'b'], 'bb')", I(0)],
    ["contains([1, 2], '2')", I(1)],
    ["contains(12345, 34)", I(1)],
    ["contains_ignore_case('HeLLo', 'ell')", I(1)],
    ["contains_ignore_case(['ABC'], 'abc')", I(1)],
    ["contains_ignore_case(['ABCD'], 'abc')", I(0)],
    ["eq_ignore_case('ÀB', 'àb')", I(0)],
    ["eq_ignore_case('AB', 'ab')", I(1)],
    ["starts_with('hello', 'he')", I(1)],
    ["ends_with('hello', 'lo')", I(1)],
    // strip / split
    ["strip_prefix('mail.example.com', 'mail.')", S("example.com")],
    ["strip_prefix('example.com', 'mail.')", S("")],
    ["strip_suffix('a.example.com', '.example.com')", S("a")],
    ["strip_suffix('a.b', 'x')", S("")],
    ["split('a,b,,c', ',')", SA("a", "b", "", "c")],
    ["split('abc', '')", SA("", "a", "b", "c", "")],
    ["rsplit('a,b,c', ',')", SA("c", "b", "a")],
    ["split_once('a=b=c', '=')", SA("a", "b=c")],
    ["rsplit_once('a=b=c', '=')", SA("a=b", "c")],
    ["split_once('abc', '=')", S("")],
    ["split_n('a,b,c,d', ',', 2)", SA("a", "b", "c,d")],
    ["split_n('a,b', ',', 0)", SA("a,b")],
    ["split_words('hello, big world 42 x-y')", SA("big", "world", "42")],
    ["lines('a\\r\n\nb\n')", SA("a\\", "", "b")],
    ["lines(5)", I(5)],
    // array functions
    ["winnow(['a', '', 'b', 0])", A(S("a"), S("b"), I(0))],
    ["winnow('')", S("")],
    ["dedup(['b', 'a', 'b', 1, '1'])", A(S("b"), S("a"), I(1))],
    ["sort([3, 1, 2], false)", A(I(1), I(2), I(3))],
    ["sort([3, 1, 2], true)", A(I(3), I(2), I(1))],
    ["sort(['b', 'a', 10, 9], false)", A(S("a"), S("b"), I(9), I(10))],
    ["sort('x', false)", A(S("x"))],
    ["is_intersect(['a', 'b'], ['c', 'b'])", I(1)],
    ["is_intersect(['a'], 'a')", I(1)],
    ["is_intersect('a', 'a')", I(0)],
    // email
    ["email_part('John <j@x.org>', 'local')", S("John <j")],
    ["email_part(' a@b@ex.org ', 'domain')", S("ex.org")],
    ["email_part('a@b', 'user')", S("")],
    ["email_part('nobody', 'local')", S("")],
    ["is_email('a@b.c')", I(1)],
    ["is_email('a@b')", I(0)],
    ["is_email('a..b@c.d')", I(0)],
    ["is_email('\"a b\"@c.d')", I(1)],
    // ip
    ["is_ip_addr('192.0.2.1')", I(1)],
    ["is_ip_addr('192.0.2.01')", I(0)],
    ["is_ipv4_addr('::1')", I(0)],
    ["is_ipv6_addr('::ffff:1.2.3.4')", I(1)],
    ["is_ipv6_addr('[::1]')", I(0)],
    ["ip_reverse_name('192.0.2.1')", S("1.2.0.192")],
    [
      "ip_reverse_name('2001:db8::1')",
      S("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2"),
    ],
    ["ip_reverse_name('nope')", S("")],
    // text case
    ["trim('  a b \n')", S("a b")],
    ["trim_start('  a ')", S("a ")],
    ["trim_end('  a ')", S("  a")],
    ["to_uppercase('straße')", S("STRASSE")],
    ["to_lowercase(['A', 'B'])", SA("a", "b")],
    ["is_uppercase('ABC 1')", I(1)],
    ["is_lowercase(['abc', 'aBc'])", A(I(1), I(0))],
    ["has_digits('a1')", I(1)],
    ["count_spaces('a b\tc')", I(2)],
    ["count_uppercase('AbC')", I(2)],
    ["count_lowercase('AbC')", I(1)],
    // hash
    ["hash('abc', 'md5')", S("900150983cd24fb0d6963f7d28e17f72")],
    ["hash('abc', 'sha1')", S("a9993e364706816aba3e25717850c26c9cd0d89d")],
    [
      "hash('abc', 'sha256')",
      S("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ],
    [
      "hash('abc', 'sha512')",
      S(
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
      ),
    ],
    ["hash('abc', 'SHA256')", S("")],
    // if_then
    ["if_then(1, 'a', 'b')", S("a")],
    ["if_then('', 'a', 'b')", S("b")],
  ])("%s", (src, expected) => expect(json(src)).toEqual(expected));
});

describe("transforming functions apply to each element of an array", () => {
  it("trim, strip_prefix and email_part map over arrays", () => {
    const env = makeEnv({
      recipients: arr([str(" A@x.org "), str("b@y.org"), int(5), float(2.5)]),
    });
    expect(json("trim(recipients)", env)).toEqual(SA("A@x.org", "b@y.org", "5", "2.5"));
    expect(json("email_part(recipients, 'domain')", env)).toEqual(SA("x.org", "y.org", "", ""));
    expect(json("strip_suffix(recipients, '.org')", env)).toEqual(SA("", "b@y", "", ""));
  });
});

describe("text conversions of numbers follow Rust", () => {
  it("floats print without a trailing .0 and never with an exponent", () => {
    expect(json("'' + trim(2.0)")).toEqual(S("2"));
    const env = makeEnv({ asn: float(1e21), country: float(1e-7) });
    expect(json("'x' + asn", env)).toEqual(S("x1000000000000000000000"));
    expect(json("'x' + country", env)).toEqual(S("x0.0000001"));
  });
});

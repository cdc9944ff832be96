// SHA-256 against the FIPS 180-4 / NIST example vectors and sha256sum.
#include <algorithm>
#include <string>
#include <utility>

#include "catch_compat.hpp"
#include "population/content_hash.hpp"

using kevo::population::Sha256;
using kevo::population::sha256_hex;

namespace {

// Deterministic non-repeating text of `length` bytes.
std::string test_message(std::size_t length) {
  std::string message;
  for (std::size_t i = 0; i < length; ++i) message.push_back(static_cast<char>('0' + i % 75));
  return message;
}

}  // namespace

TEST_CASE("sha256 matches the NIST one-block and two-block vectors", "[population][hash]") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklm"
                   "nopqrlmnopqrsmnopqrstnopqrstu") ==
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

TEST_CASE("sha256 of one million 'a' fed in odd-sized chunks", "[population][hash]") {
  const std::string expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
  const std::string chunk(997, 'a');  // prime, so chunks straddle block boundaries
  Sha256 hash;
  std::size_t fed = 0;
  for (std::size_t size = 1; fed < 1'000'000; size = size % 131 + 7) {
    const std::size_t take = std::min({size, chunk.size(), 1'000'000 - fed});
    hash.update(std::string_view(chunk).substr(0, take));
    fed += take;
  }
  CHECK(hash.hex_digest() == expected);
  CHECK(sha256_hex(std::string(1'000'000, 'a')) == expected);
}

TEST_CASE("sha256 pads correctly around the 56- and 64-byte boundaries", "[population][hash]") {
  // Reference digests from coreutils sha256sum.
  const std::pair<std::size_t, const char*> cases[] = {
      {55, "82ea60b904f221aee687a3fbf1c16e07b95cc4a66a5396fbba94d5c0c39a7741"},
      {56, "e3bdd54aee96296d602f4b1b4e105c2f2239d3826ec771fd0e100b8fca82c36e"},
      {57, "570490d76ebcc6d75b7d3023eaa77108cfb500d207a35eafc6c10c977d6b27ed"},
      {63, "b7e43a2b31c1de0eac8ddf82620722f442a2df154b0acca01ee51c696c2d3924"},
      {64, "c42debc003290127e664a5c857c6e454cff4a7d512fcb8e5a942fb0d9c045e5f"},
      {65, "01ffe19716b8afac6c8c303f230f702106e7768dc31dec15c46f4e96c783d07e"},
      {119, "cf1fbc313085e502c323d478f938422c5852078b96b0b4f80cc09f602b18754c"},
      {120, "0e4eaa51da3b6f2eec187fd4dd7968710e85ded4d6e5b4d20c5302d699c6a0d7"},
      {128, "070bdcdc1afe8fa300ef510694ba095eb91dc587f6c37f4dbf8c686353dd2c6a"},
  };
  for (const auto& [length, digest] : cases) {
    INFO("message length " << length);
    CHECK(sha256_hex(test_message(length)) == digest);
  }
}

TEST_CASE("sha256 gives the same digest for every split of the input", "[population][hash]") {
  const std::string message = test_message(200);
  const std::string whole = sha256_hex(message);
  for (std::size_t split = 0; split <= message.size(); ++split) {
    INFO("split at " << split);
    Sha256 hash;
    hash.update(std::string_view(message).substr(0, split));
    hash.update(std::string_view(message).substr(split));
    CHECK(hash.hex_digest() == whole);
  }
}

TEST_CASE("sha256 digest does not consume the running hash", "[population][hash]") {
  Sha256 hash;
  hash.update("ab");
  const std::string first = hash.hex_digest();
  CHECK(hash.hex_digest() == first);
  hash.update("c");
  CHECK(hash.hex_digest() == sha256_hex("abc"));
}

TEST_CASE("sha256 digest bytes are the hex digest", "[population][hash]") {
  const auto bytes = Sha256().update("abc").digest();
  CHECK(bytes[0] == 0xba);
  CHECK(bytes[31] == 0xad);
}

TEST_CASE("sha256 field is an 8-byte big-endian length then the bytes", "[population][hash]") {
  const std::string prefix("\0\0\0\0\0\0\0\x03", 8);
  CHECK(Sha256().field("abc").hex_digest() == sha256_hex(prefix + "abc"));
}

TEST_CASE("sha256 fields keep their boundaries", "[population][hash]") {
  CHECK(Sha256().field("ab").field("c").hex_digest() !=
        Sha256().field("a").field("bc").hex_digest());
  CHECK(Sha256().field("").field("x").hex_digest() != Sha256().field("x").hex_digest());
  CHECK(Sha256().field("abc").hex_digest() != sha256_hex("abc"));
}

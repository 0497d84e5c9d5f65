/* Unit tests of core/engine/util.c: hashing (FNV-1a, SHA-256), the string pool, whole files, base64, the
 * growable string. */
#include "cmocka_prelude.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

/* The published FNV-1a test values (Fowler, Noll, Vo). */
static void test_fnv1a(void **state)
{
	(void)state;
	assert_int_equal(hr_fnv1a32_str(""), 0x811c9dc5u);
	assert_int_equal(hr_fnv1a32_str("a"), 0xe40c292cu);
	assert_int_equal(hr_fnv1a32_str("foobar"), 0xbf9cf968u);
	assert_true(hr_fnv1a64_str("") == 0xcbf29ce484222325ull);
	assert_true(hr_fnv1a64_str("a") == 0xaf63dc4c8601ec8cull);
	assert_true(hr_fnv1a64_str("foobar") == 0x85944171f73967e8ull);
	/* Hashing in pieces is hashing the whole. */
	uint64_t h = hr_fnv1a64(HR_FNV64_SEED, "foo", 3);
	assert_true(hr_fnv1a64(h, "bar", 3) == hr_fnv1a64_str("foobar"));
	uint32_t g = hr_fnv1a32(HR_FNV32_SEED, "fo", 2);
	assert_int_equal(hr_fnv1a32(g, "obar", 4), hr_fnv1a32_str("foobar"));
}

static void hex(const unsigned char *d, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

static void sha256_of(const void *p, size_t n, char out[2 * HR_SHA256_LEN + 1])
{
	struct hr_sha256 s;
	unsigned char d[HR_SHA256_LEN];
	hr_sha256_init(&s);
	hr_sha256_add(&s, p, n);
	hr_sha256_end(&s, d);
	hex(d, sizeof(d), out);
}

/* The FIPS 180-4 examples (NIST's "abc" and two-block messages), the empty
 * string, a million 'a's, and lengths around the padding's edge fed in pieces. */
static void test_sha256(void **state)
{
	(void)state;
	char out[2 * HR_SHA256_LEN + 1];
	sha256_of("", 0, out);
	assert_string_equal(out, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	sha256_of("abc", 3, out);
	assert_string_equal(out, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	sha256_of(two, strlen(two), out);
	assert_string_equal(out, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	char *mil = malloc(1000000);
	assert_non_null(mil);
	memset(mil, 'a', 1000000);
	sha256_of(mil, 1000000, out);
	assert_string_equal(out, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	/* In pieces of every size up to 70, the same digest as whole. */
	for (size_t len = 50; len <= 130; len++) {
		char whole[2 * HR_SHA256_LEN + 1], parts[2 * HR_SHA256_LEN + 1];
		sha256_of(mil, len, whole);
		for (size_t piece = 1; piece <= 70; piece += 23) {
			struct hr_sha256 s;
			unsigned char d[HR_SHA256_LEN];
			hr_sha256_init(&s);
			for (size_t at = 0; at < len; at += piece)
				hr_sha256_add(&s, mil + at, len - at < piece ? len - at : piece);
			hr_sha256_end(&s, d);
			hex(d, sizeof(d), parts);
			assert_string_equal(parts, whole);
		}
	}
	free(mil);
}

/* Strings of every length, a long one first and others between, all kept
 * whole until the pool is freed (ASan sees any overrun). */
static void test_strpool(void **state)
{
	(void)state;
	struct hr_strpool p = {0};
	enum { N = 3000 };
	char **kept = calloc(N, sizeof(char *));
	char *src = malloc(20001);
	assert_non_null(kept);
	assert_non_null(src);
	for (size_t i = 0; i < 20000; i++)
		src[i] = (char)('a' + i % 26);
	src[20000] = '\0';
	size_t lens[N];
	for (size_t i = 0; i < N; i++) {
		/* Mostly short, every 97th longer than a quarter block, the first too. */
		lens[i] = i % 97 == 0 ? 5000 + i : i % 41;
		kept[i] = hr_strpool_ndup(&p, src, lens[i]);
		assert_non_null(kept[i]);
	}
	for (size_t i = 0; i < N; i++) {
		assert_int_equal(strlen(kept[i]), lens[i]);
		assert_memory_equal(kept[i], src, lens[i]);
	}
	assert_string_equal(hr_strpool_dup(&p, "herceptin"), "herceptin");
	hr_strpool_free(&p);
	hr_strpool_free(&p); /* freeing twice is harmless */
	assert_string_equal(hr_strpool_dup(&p, ""), "");
	hr_strpool_free(&p);
	free(src);
	free(kept);
}

/* Writes N bytes of a pattern to a new temporary file; returns its path. */
static char *temp_file(size_t n)
{
	char *path = strdup("/tmp/herald-test-util-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	for (size_t i = 0; i < n; i++) {
		char c = (char)('a' + i % 26);
		assert_int_equal(write(fd, &c, 1), 1);
	}
	close(fd);
	return path;
}

static void test_read_file(void **state)
{
	(void)state;
	/* Around the first buffer size (4096) and the caps. */
	static const size_t sizes[] = {0, 1, 4094, 4095, 4096, 4097, 100000};
	for (size_t k = 0; k < sizeof(sizes) / sizeof(*sizes); k++) {
		size_t n = sizes[k];
		char *path = temp_file(n);
		char *buf = NULL;
		size_t len = 99;
		assert_int_equal(hr_read_file(path, n, &buf, &len), 0);
		assert_int_equal(len, n);
		assert_int_equal(buf[n], '\0');
		for (size_t i = 0; i < n; i++)
			assert_int_equal(buf[i], 'a' + i % 26);
		free(buf);
		/* One byte over the cap is too big, and nothing is returned. */
		if (n > 0) {
			buf = NULL;
			assert_int_equal(hr_read_file(path, n - 1, &buf, &len), -EFBIG);
			assert_null(buf);
		}
		unlink(path);
		free(path);
	}
	char *buf = NULL;
	size_t len;
	assert_int_equal(hr_read_file("/nonexistent/herald", 100, &buf, &len), -ENOENT);
	assert_int_equal(hr_read_file("/tmp", 100, &buf, &len), -EISDIR);
	assert_null(buf);
}

/* RFC 4648's test vectors, in both alphabets, and back. */
static void test_base64(void **state)
{
	(void)state;
	static const char *const in[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
	static const char *const std[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
	static const char *const url[] = {"", "Zg", "Zm8", "Zm9v", "Zm9vYg", "Zm9vYmE", "Zm9vYmFy"};
	char out[16];
	unsigned char back[16];
	for (size_t i = 0; i < 7; i++) {
		out[hr_base64_encode(in[i], strlen(in[i]), 0, out)] = '\0';
		assert_string_equal(out, std[i]);
		out[hr_base64_encode(in[i], strlen(in[i]), 1, out)] = '\0';
		assert_string_equal(out, url[i]);
		long n = hr_base64url_decode(url[i], strlen(url[i]), back, sizeof(back));
		assert_int_equal(n, strlen(in[i]));
		assert_memory_equal(back, in[i], (size_t)n);
	}
	const unsigned char hi[] = {0xfb, 0xff, 0xbf};
	out[hr_base64_encode(hi, 3, 0, out)] = '\0';
	assert_string_equal(out, "+/+/");
	out[hr_base64_encode(hi, 3, 1, out)] = '\0';
	assert_string_equal(out, "-_-_");
	assert_int_equal(hr_base64url_decode("-_-_", 4, back, sizeof(back)), 3);
	assert_memory_equal(back, hi, 3);
	/* Only the canonical unpadded base64url form. */
	assert_int_equal(hr_base64url_decode("Zg==", 4, back, sizeof(back)), -1);  /* padding */
	assert_int_equal(hr_base64url_decode("+/+/", 4, back, sizeof(back)), -1);  /* other alphabet */
	assert_int_equal(hr_base64url_decode("Zm9vY", 5, back, sizeof(back)), -1); /* 1 mod 4 */
	assert_int_equal(hr_base64url_decode("Zh", 2, back, sizeof(back)), -1);    /* bits after */
	assert_int_equal(hr_base64url_decode("Zm9vYmFy", 8, back, 5), -1);         /* no room */
}

static void test_buf(void **state)
{
	(void)state;
	struct hr_buf b = {0};
	hr_buf_puts(&b, "");
	assert_int_equal(b.len, 0);
	for (int i = 0; i < 1000; i++)
		hr_buf_put(&b, "abc", 2);
	assert_int_equal(b.len, 2000);
	assert_int_equal(strlen(b.p), 2000);
	assert_memory_equal(b.p + 1998, "ab", 3);
	hr_buf_printf(&b, "[%d:%s]", 42, "x");
	assert_string_equal(b.p + 2000, "[42:x]");
	/* A printf that does not fit the room left, and one far larger. */
	char big[5000];
	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	hr_buf_printf(&b, "%s!", big);
	assert_int_equal(b.len, 2006 + 5000);
	assert_int_equal(b.p[b.len - 1], '!');
	assert_int_equal(strlen(b.p), b.len);
	assert_false(b.oom);
	hr_buf_free(&b);
	assert_null(b.p);
	assert_int_equal(b.len, 0);
	/* Out of memory is sticky: nothing more is added. */
	b.oom = 1;
	hr_buf_puts(&b, "lost");
	hr_buf_printf(&b, "%d", 1);
	assert_null(b.p);
	assert_int_equal(hr_buf_grow(&b, 1), -ENOMEM);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fnv1a),     cmocka_unit_test(test_sha256), cmocka_unit_test(test_strpool),
	    cmocka_unit_test(test_read_file), cmocka_unit_test(test_base64), cmocka_unit_test(test_buf),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

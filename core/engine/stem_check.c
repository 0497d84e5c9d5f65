/*
 * Run by CMake when it configures (CMakeLists.txt), linked with libstemmer.a:
 * exits 0 only when stem.c's English-only path, which reads libstemmer's
 * private environment, gives the same stem as the public API for every word
 * here. Not part of herald.
 */
#include <libstemmer.h>
#include <string.h>

struct SN_env {
	unsigned char *p;
	int c, l, lb, bra, ket;
	unsigned char **S;
	int *I;
};
struct SN_env *english_UTF_8_create_env(void);
void english_UTF_8_close_env(struct SN_env *z);
int english_UTF_8_stem(struct SN_env *z);
int SN_set_current(struct SN_env *z, int size, const unsigned char *s);

static const char *const words[] = {
    "running",
    "generously",
    "herceptin",
    "her2",
    "treatments",
    "aggressive",
    "positive",
    "lymphedema",
    "nausea",
    "diarrhoea",
    "caring",
    "cries",
    "ties",
    "dying",
    "lying",
    "skies",
    "news",
    "agreed",
    "plastered",
    "bled",
    "motoring",
    "sing",
    "conditional",
    "rational",
    "hesitancy",
    "digitizer",
    "radically",
    "differently",
    "vietnamization",
    "predication",
    "operator",
    "feudalism",
    "decisiveness",
    "hopefulness",
    "callousness",
    "formality",
    "sensitivity",
    "triplicate",
    "formative",
    "formalize",
    "electricity",
    "electrical",
    "hopeful",
    "goodness",
    "revival",
    "allowance",
    "inference",
    "airliner",
    "gyroscopic",
    "adjustable",
    "defensible",
    "irritant",
    "replacement",
    "adjustment",
    "dependent",
    "adoption",
    "communism",
    "activate",
    "effective",
    "bowdlerize",
    "probate",
    "cease",
    "generate",
    "naïve",
    "café",
    "trastuzumab",
    "pertuzumab's",
    "chemotherapy",
    "neuropathy",
    "a",
    "",
    "s",
    "ss",
    "mastectomies",
    "biopsies",
    "reconstruction",
    "oncologist",
    "ejection",
    "fraction",
    "metastases",
};

int main(void)
{
	struct sb_stemmer *sb = sb_stemmer_new("english", "UTF_8");
	struct SN_env *z = english_UTF_8_create_env();
	if (!sb || !z)
		return 1;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		int len = (int)strlen(words[i]);
		const sb_symbol *a = sb_stemmer_stem(sb, (const sb_symbol *)words[i], len);
		if (!a)
			return 1;
		int alen = sb_stemmer_length(sb);
		if (SN_set_current(z, len, (const unsigned char *)words[i]) < 0 || english_UTF_8_stem(z) < 0)
			return 1;
		if (z->l != alen || memcmp(z->p, a, (size_t)alen) != 0)
			return 1;
	}
	english_UTF_8_close_env(z);
	sb_stemmer_delete(sb);
	return 0;
}

/*
 * Whose crisis a message tells: the writer's own, or someone else's (a
 * caregiver's "my wife doesn't want to be here anymore"). Plain C over the
 * normalised text; the safety check calls it once a crisis rule fires.
 */
#include "safety_person.h"

#include <ctype.h>
#include <string.h>

/*
 * Whose crisis it is: the nearest person named before the match in its
 * sentence, or the match's own first word ("she'd rather be dead"). 1 for
 * someone else, 0 for the writer (and when no one is named: the safe reading
 * is that the writer is at risk).
 */
static int is_person_word(const char *w, size_t n, const char *const *set)
{
	/* "mom's face", "her husband's chest": the owner is the person. */
	if (n > 2 && w[n - 2] == '\'' && w[n - 1] == 's')
		n -= 2;
	for (size_t i = 0; set[i]; i++) {
		if (strlen(set[i]) == n && memcmp(set[i], w, n) == 0)
			return 1;
	}
	return 0;
}

int sf_crisis_about_other(const char *text, size_t start, size_t end)
{
	/* "my" too: "my face is drooping" is the writer's, whoever is named
	 * earlier ("my husband says my face..."); "my wife" stops at "wife". */
	static const char *const self[] = {"i",  "i'm", "im",     "i've", "ive", "i'd",
	                                   "id", "me",  "myself", "i'll", "my",  NULL};
	static const char *const other[] = {
	    "she",        "he",          "they",    "she's",       "shes",    "he's",    "hes",
	    "she'd",      "he'd",        "her",     "him",         "them",    "herself", "himself",
	    "themselves", "wife",        "husband", "partner",     "mom",     "mum",     "mother",
	    "dad",        "father",      "son",     "daughter",    "sister",  "brother", "friend",
	    "aunt",       "uncle",       "grandma", "grandmother", "grandpa", "nan",     "gran",
	    "boyfriend",  "girlfriend",  "fiance",  "fiancee",     "patient", "author",  "narrator",
	    "character",  "protagonist", NULL};
	/* The match's own words first: "kill herself", "she'd rather". */
	for (size_t i = start; i < end;) {
		while (i < end && !isalpha((unsigned char)text[i]))
			i++;
		size_t j = i;
		while (j < end && (isalpha((unsigned char)text[j]) || text[j] == '\''))
			j++;
		if (j > i && is_person_word(text + i, j - i, other))
			return 1;
		if (j > i && is_person_word(text + i, j - i, self))
			return 0;
		i = j;
	}
	/* Then backwards to the start of the sentence. */
	size_t i = start;
	while (i > 0) {
		size_t j = i;
		while (j > 0 && !isalpha((unsigned char)text[j - 1]) && text[j - 1] != '\'') {
			if (text[j - 1] == '.' || text[j - 1] == '?' || text[j - 1] == '!')
				return 0;
			j--;
		}
		size_t k = j;
		while (k > 0 && (isalpha((unsigned char)text[k - 1]) || text[k - 1] == '\''))
			k--;
		if (k == j)
			break;
		if (is_person_word(text + k, j - k, other))
			return 1;
		if (is_person_word(text + k, j - k, self))
			return 0;
		i = k;
	}
	return 0;
}

/* src/io/units.c
 *
 * Quantity strings ("300 mg", "0.28 J/cm2", "70 % MED") to canonical units.
 * The spellings and conversion factors live in units_table_impl.h; this file
 * splits the text into a number and a unit, looks the unit up, checks its
 * dimension against the caller's mask and converts. See include/psorsim/units.h.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <psorsim/units.h>

#include "common/context_impl.h"
#include "io/units_table_impl.h"

/* Longest unit spelling we bother to look at (longer ones are unknown). */
#define UNIT_TEXT_MAX 64

const char *psorsim_unit_name(psorsim_unit unit)
{
  switch (unit) {
  case PSORSIM_UNIT_MG:
    return "mg";
  case PSORSIM_UNIT_MG_PER_KG:
    return "mg/kg";
  case PSORSIM_UNIT_CELLS:
    return "cells";
  case PSORSIM_UNIT_CELLS_PER_KG:
    return "cells/kg";
  case PSORSIM_UNIT_MJ_PER_CM2:
    return "mJ/cm2";
  case PSORSIM_UNIT_MED_FRACTION:
    return "MED";
  case PSORSIM_UNIT_PERCENT:
    return "%";
  default:
    return "";
  }
}

/* Copy `text` without its spaces into buf (size cap); 0 if it does not fit. */
static int strip_spaces(const char *text, char *buf, size_t cap)
{
  size_t n = 0;
  for (const char *p = text; *p != '\0'; p++) {
    if (isspace((unsigned char)*p)) continue;
    if (n + 1 >= cap) return 0;
    buf[n++] = *p;
  }
  buf[n] = '\0';
  return 1;
}

int psorsim_unit_lookup(const char *spelling, psorsim_unit *unit, double *factor)
{
  char buf[UNIT_TEXT_MAX];

  if (spelling == NULL || unit == NULL || factor == NULL) return PSORSIM_EINVAL;
  if (!strip_spaces(spelling, buf, sizeof(buf))) return PSORSIM_ENOTFOUND;
  for (size_t i = 0; i < PSR_UNIT_TABLE_LEN; i++) {
    if (strcmp(buf, psr_unit_table[i].spelling) == 0) {
      *unit = psr_unit_table[i].unit;
      *factor = psr_unit_table[i].factor;
      return PSORSIM_OK;
    }
  }
  return PSORSIM_ENOTFOUND;
}

/* Length of the number at the start of s, following the strict grammar
 * [+-]? digits [. digits] ([eE] [+-]? digits)?  (also ".5"); 0 if none.
 * Stricter than strtod, which would also take "inf", "nan" and hex. */
static size_t number_length(const char *s)
{
  size_t i = 0, digits = 0;
  if (s[i] == '+' || s[i] == '-') i++;
  while (isdigit((unsigned char)s[i]))
    i++, digits++;
  if (s[i] == '.') {
    i++;
    while (isdigit((unsigned char)s[i]))
      i++, digits++;
  }
  if (digits == 0) return 0;
  if (s[i] == 'e' || s[i] == 'E') {
    size_t j = i + 1;
    if (s[j] == '+' || s[j] == '-') j++;
    if (isdigit((unsigned char)s[j])) {
      while (isdigit((unsigned char)s[j]))
        j++;
      i = j;
    }
  }
  return i;
}

/* What a mask expects, in words with examples, for messages. */
static const char *expected_text(unsigned accept)
{
  if (accept == PSORSIM_ACCEPT_DRUG_DOSE) return "a dose such as \"300 mg\" or \"5 mg/kg\"";
  if (accept == PSORSIM_ACCEPT_DRUG_AMOUNT) return "an amount such as \"2 g\" or \"300 mg\"";
  if (accept == PSORSIM_ACCEPT_CELL_DOSE)
    return "a cell dose such as \"1e6 cells/kg\" or \"2e8 cells\"";
  if (accept == PSORSIM_ACCEPT_UV_DOSE) return "a UV dose such as \"280 mJ/cm2\" or \"70 % MED\"";
  if (accept == PSORSIM_ACCEPT_PERCENT) return "a percentage such as \"10 %\"";
  if (accept == (PSORSIM_ACCEPT_UV_DOSE | PSORSIM_ACCEPT_PERCENT))
    return "an increment such as \"10 %\", \"10 % MED\" or \"50 mJ/cm2\"";
  return "a quantity with a unit";
}

/* Names of the accepted canonical units, "mg or mg/kg", into buf. */
static void accepted_names(unsigned accept, char *buf, size_t cap)
{
  size_t used = 0;
  int count = 0, total = 0;
  for (int u = 1; u < PSORSIM_UNIT_COUNT; u++)
    if (accept & PSORSIM_UNIT_BIT(u)) total++;
  buf[0] = '\0';
  for (int u = 1; u < PSORSIM_UNIT_COUNT && used < cap; u++) {
    if (!(accept & PSORSIM_UNIT_BIT(u))) continue;
    count++;
    const char *sep = count == 1 ? "" : (count == total ? " or " : ", ");
    int w = snprintf(buf + used, cap - used, "%s%s", sep, psorsim_unit_name((psorsim_unit)u));
    if (w < 0) break;
    used += (size_t)w;
  }
}

/* True when the unit text ends in a per-time rate ("mg/kg/day", "mg/week"). */
static int is_rate(const char *unit_text)
{
  static const char *const suffixes[] = {"/day", "/d", "/week", "/wk", "/w"};
  char buf[UNIT_TEXT_MAX];
  size_t n;
  if (!strip_spaces(unit_text, buf, sizeof(buf))) return 0;
  n = strlen(buf);
  for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
    size_t k = strlen(suffixes[i]);
    if (n > k && strcmp(buf + n - k, suffixes[i]) == 0) return 1;
  }
  return 0;
}

int psorsim_quantity_parse(psorsim_ctx *ctx, const char *text, unsigned accept, const char *where,
                           psorsim_quantity *out)
{
  const char *pre = where != NULL ? where : "";
  const char *sep = where != NULL ? ": " : "";
  const char *s, *unit_text;
  char numbuf[64], names[128];
  size_t nlen;
  double value, factor = 1.0;
  psorsim_unit unit = PSORSIM_UNIT_NONE;

  PSR_CHECK(ctx, out != NULL && text != NULL, PSORSIM_EINVAL, "quantity: NULL argument");
  out->value = 0.0;
  out->unit = PSORSIM_UNIT_NONE;
  PSR_CHECK(ctx, accept != 0, PSORSIM_EINVAL, "quantity: no accepted unit");

  s = text;
  while (isspace((unsigned char)*s))
    s++;
  nlen = number_length(s);
  PSR_CHECK(ctx, nlen > 0 && nlen < sizeof(numbuf), PSORSIM_EINPUT,
            "%s%sexpected %s, got \"%s\": it does not start with a number", pre, sep,
            expected_text(accept), text);
  memcpy(numbuf, s, nlen);
  numbuf[nlen] = '\0';
  value = strtod(numbuf, NULL);
  PSR_CHECK(ctx, isfinite(value), PSORSIM_EINPUT,
            "%s%sexpected %s, got \"%s\": number out of range", pre, sep, expected_text(accept),
            text);
  PSR_CHECK(ctx, value >= 0.0, PSORSIM_EINPUT, "%s%sexpected %s, got \"%s\": must not be negative",
            pre, sep, expected_text(accept), text);

  unit_text = s + nlen;
  while (isspace((unsigned char)*unit_text))
    unit_text++;
  PSR_CHECK(ctx, *unit_text != '\0', PSORSIM_EUNIT,
            "%s%sexpected %s, got \"%s\": the unit is missing", pre, sep, expected_text(accept),
            text);
  if (psorsim_unit_lookup(unit_text, &unit, &factor) != PSORSIM_OK) {
    if (is_rate(unit_text))
      PSR_FAIL(ctx, PSORSIM_EUNIT,
               "%s%sexpected %s, got \"%s\": a dose is the amount given at each administration; "
               "give the frequency with the schedule keys (e.g. times_per_day)",
               pre, sep, expected_text(accept), text);
    PSR_FAIL(ctx, PSORSIM_EUNIT, "%s%sexpected %s, got \"%s\": unknown unit \"%s\"", pre, sep,
             expected_text(accept), text, unit_text);
  }
  if (!(accept & PSORSIM_UNIT_BIT(unit))) {
    accepted_names(accept, names, sizeof(names));
    PSR_FAIL(ctx, PSORSIM_EUNIT, "%s%sexpected %s, got \"%s\": %s cannot be converted to %s", pre,
             sep, expected_text(accept), text, unit_text, names);
  }
  out->value = value * factor;
  out->unit = unit;
  return PSORSIM_OK;
}

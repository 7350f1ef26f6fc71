/* src/treatments/schedule.c
 *
 * Expands a regimen entry's schedule (psorsim_schedule, filled by the
 * regimen walker from at_weeks, then_every_weeks, every_days, times_per_day,
 * sessions_per_week, from_week, until_week ...) into dose times in days.
 * The rules are stated once, in include/psorsim/trial_spec.h and
 * docs/trial-format.md. The function allocates nothing: it counts every
 * time and writes as many as the caller's buffer holds.
 */
#include <math.h>

#include <psorsim/trial_spec.h>

#include "common/context_impl.h"

/* Slack against rounding when comparing times (e.g. 24 * 3.5 vs 84). */
#define SCHEDULE_EPS_DAY 1e-9

/* Day offsets within a week for 1..7 sessions a week: spread as evenly as
 * whole days allow, starting on the first day (3 a week is the
 * Monday/Wednesday/Friday pattern used by UK phototherapy units). */
static const int session_offsets[8][7] = {
    {0},
    {0},
    {0, 3},
    {0, 2, 4},
    {0, 1, 3, 4},
    {0, 1, 2, 3, 4},
    {0, 1, 2, 3, 4, 5},
    {0, 1, 2, 3, 4, 5, 6},
};

/* Collects kept times: counts all, stores the first cap. */
typedef struct sink {
  double *out;
  size_t cap, n;
  double from, end; /* keep from <= t < end */
} sink;

static void put(sink *s, double t)
{
  if (t < s->from - SCHEDULE_EPS_DAY || t >= s->end - SCHEDULE_EPS_DAY) return;
  if (s->n < s->cap) s->out[s->n] = t;
  s->n++;
}

static int check_schedule(psorsim_ctx *ctx, const psorsim_schedule *s)
{
  PSR_CHECK(ctx, isfinite(s->from_day) && s->from_day >= 0.0, PSORSIM_EINVAL,
            "schedule: from_day must be >= 0, got %g", s->from_day);
  PSR_CHECK(ctx, !s->until_given || isfinite(s->until_day), PSORSIM_EINVAL,
            "schedule: until_day must be finite");
  switch (s->mode) {
  case PSORSIM_SCHEDULE_NONE:
    return PSORSIM_OK;
  case PSORSIM_SCHEDULE_EXPLICIT:
    PSR_CHECK(ctx, s->n_at > 0 && s->at_day != NULL, PSORSIM_EINVAL,
              "schedule: explicit schedule without times");
    for (size_t i = 0; i < s->n_at; i++)
      PSR_CHECK(ctx, isfinite(s->at_day[i]) && (i == 0 || s->at_day[i] > s->at_day[i - 1]),
                PSORSIM_EINVAL, "schedule: explicit times must be finite and increasing");
    PSR_CHECK(ctx, isfinite(s->then_every_day) && s->then_every_day >= 0.0, PSORSIM_EINVAL,
              "schedule: then_every_day must be >= 0");
    return PSORSIM_OK;
  case PSORSIM_SCHEDULE_PERIODIC:
    PSR_CHECK(ctx, isfinite(s->every_day) && s->every_day > 0.0, PSORSIM_EINVAL,
              "schedule: every_day must be > 0, got %g", s->every_day);
    return PSORSIM_OK;
  case PSORSIM_SCHEDULE_DAILY:
    PSR_CHECK(ctx, s->per_day >= 1 && s->per_day <= 24, PSORSIM_EINVAL,
              "schedule: per_day must be 1-24, got %d", s->per_day);
    return PSORSIM_OK;
  case PSORSIM_SCHEDULE_SESSIONS:
    PSR_CHECK(ctx, s->sessions_per_week >= 1 && s->sessions_per_week <= 7, PSORSIM_EINVAL,
              "schedule: sessions_per_week must be 1-7, got %d", s->sessions_per_week);
    return PSORSIM_OK;
  }
  PSR_FAIL(ctx, PSORSIM_EINVAL, "schedule: unknown mode %d", (int)s->mode);
}

int psorsim_schedule_expand(psorsim_ctx *ctx, const psorsim_schedule *s, double trial_weeks,
                            double *times_day, size_t cap, size_t *n)
{
  sink k;

  PSR_CHECK(ctx, s != NULL && n != NULL && (cap == 0 || times_day != NULL), PSORSIM_EINVAL,
            "schedule: NULL argument");
  *n = 0;
  PSR_CHECK(ctx, isfinite(trial_weeks) && trial_weeks > 0.0, PSORSIM_EINVAL,
            "schedule: trial length must be > 0 weeks, got %g", trial_weeks);
  PSR_TRY(check_schedule(ctx, s));

  k.out = times_day;
  k.cap = cap;
  k.n = 0;
  k.from = s->from_day;
  k.end = 7.0 * trial_weeks;
  if (s->until_given && s->until_day < k.end) k.end = s->until_day;

  switch (s->mode) {
  case PSORSIM_SCHEDULE_NONE:
    break;
  case PSORSIM_SCHEDULE_EXPLICIT: {
    double last = s->at_day[s->n_at - 1];
    for (size_t i = 0; i < s->n_at; i++)
      put(&k, s->at_day[i]);
    if (s->then_every_day > 0.0)
      for (long j = 1; last + (double)j * s->then_every_day < k.end - SCHEDULE_EPS_DAY; j++)
        put(&k, last + (double)j * s->then_every_day);
    break;
  }
  case PSORSIM_SCHEDULE_PERIODIC:
    for (long j = 0; k.from + (double)j * s->every_day < k.end - SCHEDULE_EPS_DAY; j++)
      put(&k, k.from + (double)j * s->every_day);
    break;
  case PSORSIM_SCHEDULE_DAILY:
    for (long d = 0; k.from + (double)d < k.end - SCHEDULE_EPS_DAY; d++)
      for (int j = 0; j < s->per_day; j++)
        put(&k, k.from + (double)d + (double)j / (double)s->per_day);
    break;
  case PSORSIM_SCHEDULE_SESSIONS:
    for (long w = 0; k.from + 7.0 * (double)w < k.end - SCHEDULE_EPS_DAY; w++)
      for (int j = 0; j < s->sessions_per_week; j++)
        put(&k, k.from + 7.0 * (double)w + session_offsets[s->sessions_per_week][j]);
    break;
  }
  *n = k.n;
  return PSORSIM_OK;
}

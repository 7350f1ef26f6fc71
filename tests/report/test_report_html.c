/* tests/report/test_report_html.c
 *
 * The whole output directory: psorsim_report_write_all writes trial.json,
 * baseline.csv, patients.csv (only with visits), report.html and
 * plots/NAME.png; the page is self-contained (no http, no external resources,
 * every image a PNG data URI that decodes to the file in plots/); every PNG
 * is valid and cairo reads it back at the documented size; a spec parsed by
 * psorsim_trial_spec_parse_string renders its regimens; and failures (an
 * unusable directory, a rename that fails after other files were written,
 * every allocation failing in turn) leave no file behind.
 *
 * Set PSR_REPORT_DEMO_DIR=/some/dir to keep a full report of the fixture
 * there for looking at.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo.h>

#include "report_fixture.h"

static char *slurp(const char *path, size_t *len_out)
{
  FILE *fp = fopen(path, "rb");
  char *buf;
  long len;
  assert_non_null(fp);
  fseek(fp, 0, SEEK_END);
  len = ftell(fp);
  fseek(fp, 0, SEEK_SET);
  buf = malloc((size_t)len + 1);
  assert_non_null(buf);
  assert_int_equal(fread(buf, 1, (size_t)len, fp), (size_t)len);
  buf[len] = '\0';
  fclose(fp);
  if (len_out != NULL) *len_out = (size_t)len;
  return buf;
}

static int exists(const char *dir, const char *name)
{
  char path[512];
  struct stat st;
  snprintf(path, sizeof(path), "%s/%s", dir, name);
  return stat(path, &st) == 0;
}

/* Number of entries in dir (without . and ..); fails on any temporary file. */
static int count_entries(const char *dir)
{
  DIR *d = opendir(dir);
  struct dirent *e;
  int n = 0;
  assert_non_null(d);
  while ((e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    if (strstr(e->d_name, ".tmp.") != NULL) fail_msg("temporary file left: %s", e->d_name);
    n++;
  }
  closedir(d);
  return n;
}

/* Remove the files a report writes (and the directories). */
static void remove_report(const char *dir)
{
  static const char *const names[] = {
      "trial.json",          "baseline.csv",        "patients.csv",       "report.html",
      "plots/pasi_time.png", "plots/endpoints.png", "plots/baseline.png", "plots/observed.png"};
  char path[512];
  for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
    snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
    unlink(path);
  }
  snprintf(path, sizeof(path), "%s/plots", dir);
  rmdir(path);
  rmdir(dir);
}

static void make_tmpdir(char *dir, size_t size)
{
  snprintf(dir, size, "/tmp/psorsim_report_html_XXXXXX");
  assert_non_null(mkdtemp(dir));
}

/* Decode base64 text up to the closing quote into a new buffer. */
static unsigned char *base64_decode(const char *s, size_t *len)
{
  size_t n = strcspn(s, "\"");
  unsigned char *out = malloc(n / 4 * 3 + 3);
  unsigned long acc = 0;
  int bits = 0;
  size_t o = 0;
  assert_non_null(out);
  for (size_t i = 0; i < n && s[i] != '='; i++) {
    const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const char *p = strchr(alphabet, s[i]);
    assert_non_null(p);
    acc = (acc << 6) | (unsigned long)(p - alphabet);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (unsigned char)((acc >> bits) & 0xFF);
    }
  }
  *len = o;
  return out;
}

/* A PNG file: the signature, and cairo reads it at the documented size. */
static void assert_valid_png(const char *dir, const char *name)
{
  static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  char path[512];
  size_t len;
  char *bytes;
  cairo_surface_t *s;

  snprintf(path, sizeof(path), "%s/plots/%s", dir, name);
  bytes = slurp(path, &len);
  assert_true(len > 1000);
  assert_memory_equal(bytes, sig, 8);
  free(bytes);
  s = cairo_image_surface_create_from_png(path);
  assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
  assert_int_equal(cairo_image_surface_get_width(s), PSORSIM_REPORT_PLOT_WIDTH_PX);
  assert_int_equal(cairo_image_surface_get_height(s), PSORSIM_REPORT_PLOT_HEIGHT_PX);
  cairo_surface_destroy(s);
}

static void test_write_all_makes_a_self_contained_report(void **state)
{
  static const char *const pngs[] = {"pasi_time.png", "endpoints.png", "baseline.png",
                                     "observed.png"};
  psorsim_ctx *ctx = psr_test_ctx();
  fixture *f = fixture_create(ctx, 1);
  char dir[64], path[512];
  char *html, *json, *p;
  int images = 0;

  make_tmpdir(dir, sizeof(dir));
  assert_int_equal(psorsim_report_write_all(ctx, &f->result, dir), PSORSIM_OK);
  assert_true(exists(dir, "trial.json"));
  assert_true(exists(dir, "baseline.csv"));
  assert_true(exists(dir, "patients.csv"));
  assert_true(exists(dir, "report.html"));
  assert_int_equal(count_entries(dir), 5); /* the four files and plots/ */
  snprintf(path, sizeof(path), "%s/plots", dir);
  assert_int_equal(count_entries(path), 4);
  for (size_t i = 0; i < 4; i++)
    assert_valid_png(dir, pngs[i]);

  /* trial.json is exactly psorsim_report_json_text. */
  snprintf(path, sizeof(path), "%s/trial.json", dir);
  json = slurp(path, NULL);
  p = psorsim_report_json_text(&f->result);
  assert_string_equal(json, p);
  psorsim_free(p);
  free(json);

  /* The page: self-contained, escaped, with the numbers a reader needs. */
  snprintf(path, sizeof(path), "%s/report.html", dir);
  html = slurp(path, NULL);
  assert_true(strncmp(html, "<!DOCTYPE html>", 15) == 0);
  assert_null(strstr(html, "http"));
  assert_null(strstr(html, "<script"));
  assert_null(strstr(html, "<link"));
  assert_null(strstr(html, "url("));
  assert_non_null(strstr(html, "<h1>Fixture trial &lt;A&amp;B&gt;</h1>"));
  assert_non_null(strstr(html, "Doe J et al. Journal of Tests 2024"));
  assert_non_null(strstr(html, "MSC, &quot;cord&quot; &lt;1e6/kg&gt;"));
  assert_non_null(strstr(html, "PASI 75, week 12"));
  assert_non_null(strstr(html, "4.8&thinsp;%"));  /* the estimate */
  assert_non_null(strstr(html, "3.1&ndash;7.3")); /* its CI */
  assert_non_null(strstr(html, "published 4.9")); /* the observation */
  assert_non_null(strstr(html, "on 2 threads"));  /* run facts only here */
  assert_non_null(strstr(html, "ids 3 17"));      /* the failed patients */
  /* Every image is a PNG data URI whose bytes are the file in plots/. */
  for (const char *s = strstr(html, "src=\""); s != NULL; s = strstr(s + 1, "src=\"")) {
    const char *prefix = "src=\"data:image/png;base64,";
    size_t len, file_len;
    unsigned char *bytes;
    char *file;
    assert_true(strncmp(s, prefix, strlen(prefix)) == 0);
    bytes = base64_decode(s + strlen(prefix), &len);
    snprintf(path, sizeof(path), "%s/plots/%s", dir, pngs[images]);
    file = slurp(path, &file_len);
    assert_int_equal(len, file_len);
    assert_memory_equal(bytes, file, len);
    free(bytes);
    free(file);
    images++;
  }
  assert_int_equal(images, 4);
  free(html);
  remove_report(dir);

  /* A second report over the first is fine, and the plots are reproducible. */
  if (getenv("PSR_REPORT_DEMO_DIR") != NULL) {
    assert_int_equal(psorsim_report_write_all(ctx, &f->result, getenv("PSR_REPORT_DEMO_DIR")),
                     PSORSIM_OK);
  }
  free(f);
  psorsim_ctx_free(&ctx);
  (void)state;
}

static void test_without_observations_or_visits(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  fixture *f = fixture_create(ctx, 0);
  char dir[64], path[512];
  char *html;

  fixture_drop_visits(f);
  make_tmpdir(dir, sizeof(dir));
  assert_int_equal(psorsim_report_write_all(ctx, &f->result, dir), PSORSIM_OK);
  assert_false(exists(dir, "patients.csv"));
  assert_false(exists(dir, "plots/observed.png"));
  assert_int_equal(count_entries(dir), 4);
  assert_valid_png(dir, "baseline.png");
  snprintf(path, sizeof(path), "%s/report.html", dir);
  html = slurp(path, NULL);
  assert_null(strstr(html, "Published versus simulated"));
  assert_null(strstr(html, "patients.csv"));
  free(html);
  /* The page alone. */
  remove_report(dir);
  make_tmpdir(dir, sizeof(dir));
  assert_int_equal(psorsim_report_write_html(ctx, &f->result, dir), PSORSIM_OK);
  assert_int_equal(count_entries(dir), 2); /* report.html and plots/ */
  remove_report(dir);
  free(f);
  psorsim_ctx_free(&ctx);
  (void)state;
}

static void test_degenerate_results_still_render(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  fixture *f = fixture_create(ctx, 1);
  char dir[64];

  /* No time course, no patients, no endpoint values, one arm with NaN bands. */
  f->arms[0].n_visits = 0;
  f->arms[1].patients = NULL;
  f->arms[1].visits = NULL;
  f->arms[1].endpoints = NULL;
  for (int w = 0; w < FX_VISITS; w += 3)
    f->pasi_p95[2][w] = NAN;
  f->spec.population.pasi_mean.given = 0;
  make_tmpdir(dir, sizeof(dir));
  assert_int_equal(psorsim_report_write_all(ctx, &f->result, dir), PSORSIM_OK);
  assert_valid_png(dir, "pasi_time.png");
  assert_valid_png(dir, "observed.png");
  remove_report(dir);
  /* Bad arguments. */
  assert_int_equal(psorsim_report_write_all(ctx, NULL, dir), PSORSIM_EINVAL);
  assert_int_equal(psorsim_report_write_all(ctx, &f->result, NULL), PSORSIM_EINVAL);
  assert_int_equal(psorsim_report_write_all(ctx, &f->result, ""), PSORSIM_EINVAL);
  f->result.spec = NULL;
  assert_int_equal(psorsim_report_write_html(ctx, &f->result, dir), PSORSIM_EINVAL);
  free(f);
  psorsim_ctx_free(&ctx);
  (void)state;
}

static void test_a_parsed_spec_renders_its_regimens(void **state)
{
  static const char yaml[] = "name: Secukinumab vs placebo\n"
                             "weeks: 12\n"
                             "population: {patients_per_arm: 40}\n"
                             "arms:\n"
                             "  - name: placebo\n"
                             "    regimen: []\n"
                             "  - name: secukinumab 300 mg\n"
                             "    regimen:\n"
                             "      - drug: secukinumab\n"
                             "        dose: 300 mg\n"
                             "        route: subcutaneous\n"
                             "        at_weeks: [0, 1, 2, 3, 4]\n"
                             "        then_every_weeks: 4\n"
                             "  - name: cells\n"
                             "    regimen:\n"
                             "      - cells: msc\n"
                             "        source: umbilical_cord\n"
                             "        dose: 1e6 cells/kg\n"
                             "        route: intravenous\n"
                             "        at_weeks: [0, 2, 4]\n"
                             "endpoints: [pasi75@12, pasi90@12, pasi_change@4, "
                             "relapse_weeks_median]\n"
                             "observed:\n"
                             "  placebo: {pasi75@12: 4.9}\n";
  psorsim_ctx *ctx = psr_test_ctx();
  fixture *f = fixture_create(ctx, 0);
  psorsim_trial_spec *spec = NULL;
  char dir[64], path[512];
  char *html;
  int rc;

  rc = psorsim_trial_spec_parse_string(ctx, yaml, "report.yaml", &spec);
  if (rc != PSORSIM_OK) fail_msg("parse: %s", psorsim_ctx_errmsg(ctx));
  assert_int_equal(spec->n_arms, FX_ARMS);
  f->result.spec = spec;
  for (int a = 0; a < FX_ARMS; a++)
    f->arms[a].name = spec->arms[a].name;
  make_tmpdir(dir, sizeof(dir));
  assert_int_equal(psorsim_report_write_all(ctx, &f->result, dir), PSORSIM_OK);
  snprintf(path, sizeof(path), "%s/report.html", dir);
  html = slurp(path, NULL);
  assert_non_null(strstr(html, "<b>secukinumab</b> 300 mg subcutaneous, weeks 0, 1, 2, 3, 4, "
                               "then every 4 weeks"));
  assert_non_null(strstr(html, "1&times;10<sup>6</sup> cells/kg intravenous, weeks 0, 2, 4"));
  assert_non_null(strstr(html, "no treatment (placebo)"));
  assert_non_null(strstr(html, "published 4.9"));
  free(html);
  assert_valid_png(dir, "observed.png");
  remove_report(dir);
  psorsim_trial_spec_free(&spec);
  free(f);
  psorsim_ctx_free(&ctx);
  (void)state;
}

static void test_failures_leave_nothing_behind(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  fixture *f = fixture_create(ctx, 1);
  char dir[64], path[512];
  FILE *fp;
  int rc, n;

  /* A directory that cannot be made: below a regular file. */
  make_tmpdir(dir, sizeof(dir));
  snprintf(path, sizeof(path), "%s/file", dir);
  fp = fopen(path, "w");
  assert_non_null(fp);
  fclose(fp);
  snprintf(path, sizeof(path), "%s/file/out", dir);
  assert_int_equal(psorsim_report_write_all(ctx, &f->result, path), PSORSIM_EIO);
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "file"));
  assert_int_equal(count_entries(dir), 1);
  snprintf(path, sizeof(path), "%s/file", dir);
  unlink(path);

  /* A directory without write permission (root may write anyway: skip then). */
  if (geteuid() != 0) {
    snprintf(path, sizeof(path), "%s/ro", dir);
    assert_int_equal(mkdir(path, 0555), 0);
    assert_int_equal(psorsim_report_write_all(ctx, &f->result, path), PSORSIM_EIO);
    assert_int_equal(count_entries(path), 0);
    rmdir(path);
  }

  /* The last rename fails (report.html is a directory): every file the
   * call had already put in place is removed again, no temporary is left. */
  snprintf(path, sizeof(path), "%s/report.html", dir);
  assert_int_equal(mkdir(path, 0755), 0);
  assert_int_equal(psorsim_report_write_all(ctx, &f->result, dir), PSORSIM_EIO);
  assert_int_equal(count_entries(dir), 2); /* report.html/ and plots/ */
  snprintf(path, sizeof(path), "%s/plots", dir);
  assert_int_equal(count_entries(path), 0);
  snprintf(path, sizeof(path), "%s/report.html", dir);
  rmdir(path);

  /* Every allocation psorsim makes fails in turn: an error, nothing written. */
  for (n = 1;; n++) {
    psorsim_ctx_fail_alloc_after(ctx, n);
    rc = psorsim_report_write_all(ctx, &f->result, dir);
    psorsim_ctx_fail_alloc_after(ctx, 0);
    if (rc == PSORSIM_OK) break;
    assert_int_equal(rc, PSORSIM_ENOMEM);
    assert_true(count_entries(dir) <= 1); /* at most the empty plots/ */
    assert_true(n < 1000);
  }
  assert_true(n > 10);
  assert_true(exists(dir, "report.html"));
  remove_report(dir);
  free(f);
  psorsim_ctx_free(&ctx);
  (void)state;
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_write_all_makes_a_self_contained_report),
      cmocka_unit_test(test_without_observations_or_visits),
      cmocka_unit_test(test_degenerate_results_still_render),
      cmocka_unit_test(test_a_parsed_spec_renders_its_regimens),
      cmocka_unit_test(test_failures_leave_nothing_behind),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  psorsim_report_release_fonts(); /* so leak checkers see only psorsim's memory */
  return rc;
}

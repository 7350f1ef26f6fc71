/* src/cli/cmd_product.c
 *
 * `psorsim product check FILE.yaml`: validate a cell-therapy product
 * description on its own against the ISCT minimal criteria and the release
 * criteria (src/cells/product.c, docs/cell-therapy.md). Every criterion must
 * be declared and met; a failed or undeclared one is one line on standard
 * error, "FILE:LINE: criterion: what is wrong", and the exit status is 2.
 */
#include <stdio.h>
#include <string.h>

#include <psorsim/cells.h>

#include "cli.h"

const char psr_usage_product[] =
    "usage: psorsim product check FILE.yaml\n"
    "\n"
    "Check a cell-therapy product description: a YAML mapping with the keys of a\n"
    "trial's `product:` block (or a mapping with one key, `product:`, holding them).\n"
    "Every ISCT minimal criterion (plastic_adherence; cd73, cd90, cd105 >= 95 %;\n"
    "cd45, cd34, cd14 or cd11b, cd79a or cd19, hla_dr <= 2 %; trilineage) and every\n"
    "release criterion (viability >= 70 %, passage <= 10, sterile, mycoplasma_free,\n"
    "endotoxin <= 12.5 EU/mL or 5 EU/kg) must be declared and met; karyotype and\n"
    "cell_count (with cell_count_target, +/-15 %) are checked when given.\n"
    "Exit status 0 when compliant; 2 with one line per failed criterion otherwise\n"
    "(or for a file that cannot be read).\n";

#define MAX_FINDINGS 32

int psr_cmd_product(int argc, char **argv)
{
  psorsim_ctx *ctx = NULL;
  psorsim_cell_product_file *f = NULL;
  psorsim_product_finding found[MAX_FINDINGS];
  int n = 0, rc;

  if (argc < 2 || strcmp(argv[1], "check") != 0) {
    return psr_cli_usage_error("product", "expected 'product check FILE.yaml' (see 'psorsim "
                                          "help product')");
  }
  if (argc != 3) {
    return psr_cli_usage_error("product", "'product check' takes exactly one FILE.yaml");
  }
  if (psorsim_ctx_create(&ctx) != PSORSIM_OK) {
    fprintf(stderr, "psorsim product: out of memory\n");
    return PSR_EXIT_FAIL;
  }
  rc = psorsim_cell_product_load(ctx, argv[2], &f);
  if (rc != PSORSIM_OK) {
    rc = psr_cli_fail("product", ctx, rc, rc == PSORSIM_ENOMEM ? PSR_EXIT_FAIL : PSR_EXIT_USAGE);
    psorsim_ctx_free(&ctx);
    return rc;
  }
  psorsim_cell_product_check(psorsim_cell_product_file_product(f), PSORSIM_PRODUCT_CHECK_RELEASE,
                             found, MAX_FINDINGS, &n);
  for (int i = 0; i < n && i < MAX_FINDINGS; i++) {
    fprintf(stderr, "%s:%d: %s\n", argv[2], found[i].line, found[i].message);
  }
  if (n == 0) {
    printf("%s: compliant with the ISCT minimal criteria and the release criteria\n", argv[2]);
  }
  psorsim_cell_product_file_free(&f);
  psorsim_ctx_free(&ctx);
  return n == 0 ? PSR_EXIT_OK : PSR_EXIT_USAGE;
}

/* src/common/error.c
 *
 * Fixed texts and names of the status codes, generated from the one list in
 * include/psorsim/error.h.
 */
#include <psorsim/error.h>

static const char *const status_text[] = {
#define PSR_AS_TEXT(name, text) text,
    PSORSIM_STATUS_LIST(PSR_AS_TEXT)
#undef PSR_AS_TEXT
};

static const char *const status_name[] = {
#define PSR_AS_NAME(name, text) #name,
    PSORSIM_STATUS_LIST(PSR_AS_NAME)
#undef PSR_AS_NAME
};

const char *psorsim_strerror(int status)
{
  if (status < 0 || status >= PSORSIM_STATUS_COUNT) return "unknown status";
  return status_text[status];
}

const char *psorsim_status_name(int status)
{
  if (status < 0 || status >= PSORSIM_STATUS_COUNT) return "PSORSIM_UNKNOWN";
  return status_name[status];
}

const char *psorsim_version(void)
{
  return PSORSIM_VERSION_STRING;
}

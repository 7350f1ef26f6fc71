#ifndef LOW_H
#define LOW_H
#include <psorsim/high.h>
#endif

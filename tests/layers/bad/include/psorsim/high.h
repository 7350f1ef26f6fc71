#ifndef HIGH_H
#define HIGH_H
#include <psorsim/low.h>
#include <yaml.h>
#endif

#ifndef HIGH_IMPL_H
#define HIGH_IMPL_H
#endif

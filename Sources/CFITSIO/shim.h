#include <fitsio.h>

/* Reads raw bytes at the current position (declared in fitsio2.h, which is not installed with the
   public headers everywhere): used to read header cards byte for byte, NUL bytes included. */
int ffgbyt(fitsfile *fptr, LONGLONG nbytes, void *buffer, int *status);

# Writes astropy_targets_{tabledata,binary,binary2}.xml: one small target list in each serialization,
# as pyvo uploads it (astropy.io.votable.from_table + writeto). Run with astropy installed:
#     python3 make_astropy_fixtures.py
# The committed files were written by astropy 8.0.2 (numpy 2). VOTableReaderTests expects their values.
import numpy as np
from astropy.table import Table, MaskedColumn
from astropy.io.votable import from_table, writeto

t = Table()
t['obsid'] = MaskedColumn(np.array([101, 102, 103], dtype=np.int64), mask=[False, True, False])
t['ra'] = np.array([10.5, 200.25, 359.999999])
t['ra'].unit = 'deg'
t['teff'] = MaskedColumn(np.array([4800.5, np.nan, 6100.0], dtype=np.float32), mask=[False, False, True])
t['name'] = ['star <a>', 'é&"', '']
t['band'] = np.array([b'g', b'r', b'iz'])
t['good'] = [True, False, True]
t['n16'] = np.array([1, -2, 3], dtype=np.int16)
t['flux'] = np.array([[1.5, 2.5], [np.nan, 3.0], [-0.25, 0.0]])

votable = from_table(t)
table = votable.get_first_table()
table.name = 'targets'
for field in table.fields:
    if field.name == 'obsid':
        field.values.null = -1          # BINARY (version 1) needs a null value for a masked integer
    if field.name == 'ra':
        field.ucd = 'pos.eq.ra;meta.main'
for fmt in ['tabledata', 'binary', 'binary2']:
    table.format = fmt
    writeto(votable, f'astropy_targets_{fmt}.xml')

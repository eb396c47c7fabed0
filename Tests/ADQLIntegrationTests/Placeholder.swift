import Testing
import ADQL
import Store
import StoreTestSupport

import CFITSIO

extension FITSFile {
    /// Axis lengths of the current HDU's image, FITS order (`[NAXIS1, NAXIS2, ...]`; empty when NAXIS = 0).
    public func imageShape() throws(FITSError) -> [Int] {
        let handle = try fptr()
        var naxis: Int32 = 0
        var status: Int32 = 0
        ffgidm(handle, &naxis, &status)
        try check(status)
        guard naxis > 0 else { return [] }
        var axes = [Int64](repeating: 0, count: Int(naxis))
        ffgiszll(handle, naxis, &axes, &status)
        try check(status)
        return axes.map { Int($0) }
    }

    /// All pixels of the current HDU's image as 32-bit floats (scaled by BSCALE/BZERO), NAXIS1 varying
    /// fastest: for a 2-D image, pixel (x, y) is at `y * NAXIS1 + x`. Blank pixels read as NaN.
    /// - Throws: `.truncated` when the data unit is cut short.
    public func readImageFloats() throws(FITSError) -> [Float] {
        let handle = try fptr()
        let count = try imageShape().reduce(1, *)
        guard count > 0, !(try imageShape().isEmpty) else { return [] }
        var pixels = [Float](repeating: 0, count: count)
        var status: Int32 = 0
        var anyNull: Int32 = 0
        var null = Float.nan
        ffgpv(handle, TFLOAT, 1, Int64(count), &null, &pixels, &anyNull, &status)
        try check(status)
        return pixels
    }

    /// Appends a 32-bit float image HDU (the primary HDU when the file is new) with the given axis lengths
    /// (FITS order, `[NAXIS1, NAXIS2]` for a spectrum image) and makes it current.
    public func createFloatImage(shape: [Int]) throws(FITSError) {
        let handle = try fptr()
        var axes = shape.map { Int64($0) }
        var status: Int32 = 0
        ffcrimll(handle, FLOAT_IMG, Int32(axes.count), &axes, &status)
        try check(status)
        try updateCurrentHDU()
    }

    /// Appends a header-only primary HDU (NAXIS = 0) to a new file.
    public func createEmptyPrimary() throws(FITSError) {
        let handle = try fptr()
        var status: Int32 = 0
        ffcrimll(handle, SHORT_IMG, 0, nil, &status)
        try check(status)
        try updateCurrentHDU()
    }

    /// Writes all pixels of the current float image (same order as ``readImageFloats()``).
    /// - Throws: `.invalidInput` when the count differs from the image size.
    public func writeImage(_ pixels: [Float]) throws(FITSError) {
        let handle = try fptr()
        let count = try imageShape().reduce(1, *)
        guard pixels.count == count else {
            throw .invalidInput(file: path, detail: "image holds \(count) pixels, \(pixels.count) given")
        }
        var values = pixels
        var status: Int32 = 0
        ffppr(handle, TFLOAT, 1, Int64(count), &values, &status)
        try check(status)
    }

    func updateCurrentHDU() throws(FITSError) {
        var number: Int32 = 0
        ffghdn(try fptr(), &number)
        currentHDU = Int(number) - 1
    }
}

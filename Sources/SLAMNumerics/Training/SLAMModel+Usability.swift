extension SLAMModel {
    /// Whether pixel `j` carries a model: a pixel with no usable training sample is stored with zero
    /// coefficients, intercept 0 and `crossValidatedMSE[j] = +infinity` (infinite model variance, so its
    /// weight `1 / (sigma_obs^2 + sigma_model^2)` in the label fit is 0).
    public func isPixelUsable(_ j: Int) -> Bool { crossValidatedMSE[j].isFinite }

    /// Indices of the pixels without a model (see `isPixelUsable`).
    public var unusablePixels: [Int] { crossValidatedMSE.indices.filter { !crossValidatedMSE[$0].isFinite } }
}

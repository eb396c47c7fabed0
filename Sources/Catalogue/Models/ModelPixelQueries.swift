import Store

/// One `model_pixel` row: a pixel's wavelength and SVR hyperparameters.
public struct ModelPixelRow: Sendable, Equatable {
    public var pixel: Int
    /// Vacuum wavelength, Å.
    public var wavelength: Double
    public var c: Double
    public var epsilon: Double
    public var gamma: Double
    /// Cross-validated mean squared error (+infinity when not finite).
    public var crossValidatedMSE: Double
    public var supportVectors: Int

    public init(pixel: Int, wavelength: Double, c: Double, epsilon: Double, gamma: Double, crossValidatedMSE: Double,
                supportVectors: Int) {
        self.pixel = pixel
        self.wavelength = wavelength
        self.c = c
        self.epsilon = epsilon
        self.gamma = gamma
        self.crossValidatedMSE = crossValidatedMSE
        self.supportVectors = supportVectors
    }
}

/// The per-pixel rows of a model (`model_pixel`).
public enum ModelPixelQueries {
    /// Writes `rows` of model `modelID` (binary COPY), in the caller's transaction.
    public static func write(modelID: Int, _ rows: [ModelPixelRow], db: PostgresConnection) throws {
        _ = try db.copyIn(table: "model_pixel", columns: ["model_id", "pixel", "wavelength", "c", "epsilon", "gamma", "cv_mse", "n_support"]) { copy in
            for r in rows {
                try copy.append([modelID, r.pixel, r.wavelength, r.c, r.epsilon, r.gamma, r.crossValidatedMSE, r.supportVectors])
            }
        }
    }
}

-- The meaning of each bit of prediction.flags (Numerics' LabelFitFlags).
INSERT INTO flag_bits (bit, name, description) VALUES
    (0, 'outside_training_range', 'A label lies beyond the training set''s range by more than 5% of it: extrapolation, use with care.'),
    (1, 'not_converged', 'The Levenberg-Marquardt fit stopped without meeting a convergence test (iteration limit or a non-finite model).'),
    (2, 'few_pixels', 'Fewer than 90% of the model pixels had usable data (bad or masked pixels).'),
    (3, 'poor_fit', 'Reduced chi-square above 3: the spectrum is not well described by the model.'),
    (4, 'kept_first_guess', 'The fit did not improve on the template-matching first guess, which is reported instead.'),
    (5, 'ran_away', 'A label ran beyond the training range by more than 50% of it: the labels are unreliable.'),
    (6, 'singular_covariance', 'The formal covariance could not be computed (flat chi-square in some direction); formal errors are NaN.');

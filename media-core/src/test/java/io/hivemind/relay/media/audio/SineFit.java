package io.hivemind.relay.media.audio;

/**
 * Least-squares fit of {@code a*cos(wn) + b*sin(wn) + c} at a known frequency: the tone's amplitude and phase, and
 * what is left over (everything that is not that tone: noise, distortion, aliases, images).
 */
record SineFit(double amplitude, double phase, double dc, double residualRms) {

    /** Fits samples {@code x[from..to)} to a tone of {@code frequency / sampleRate} cycles per sample. */
    static SineFit of(short[] x, int from, int to, double frequency, double sampleRate) {
        double w = 2 * Math.PI * frequency / sampleRate;
        // Normal equations of the 3-parameter model, accumulated over the segment.
        double[][] m = new double[3][4];
        for (int n = from; n < to; n++) {
            double[] basis = {Math.cos(w * n), Math.sin(w * n), 1};
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    m[i][j] += basis[i] * basis[j];
                }
                m[i][3] += basis[i] * x[n];
            }
        }
        double[] abc = solve(m);
        double sumSq = 0;
        for (int n = from; n < to; n++) {
            double e = x[n] - (abc[0] * Math.cos(w * n) + abc[1] * Math.sin(w * n) + abc[2]);
            sumSq += e * e;
        }
        return new SineFit(Math.hypot(abc[0], abc[1]), Math.atan2(-abc[1], abc[0]), abc[2],
                Math.sqrt(sumSq / (to - from)));
    }

    /** Signal-to-(noise+distortion) of the fitted tone in dB. */
    double sinadDb() {
        return 20 * Math.log10(amplitude / Math.sqrt(2) / residualRms);
    }

    /** Gauss-Jordan with partial pivoting on an augmented 3x4 matrix. */
    private static double[] solve(double[][] m) {
        for (int col = 0; col < 3; col++) {
            int pivot = col;
            for (int r = col + 1; r < 3; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            for (int r = 0; r < 3; r++) {
                if (r != col) {
                    double f = m[r][col] / m[col][col];
                    for (int c = col; c < 4; c++) {
                        m[r][c] -= f * m[col][c];
                    }
                }
            }
        }
        return new double[] {m[0][3] / m[0][0], m[1][3] / m[1][1], m[2][3] / m[2][2]};
    }
}

using System.Globalization;

namespace RuleOfLaw.Workflow.Bench;

/// <summary>Throughput and latency of one measured phase (latencies in milliseconds).</summary>
public sealed record LatencyStats(int Count, double Seconds, double Mean, double P50, double P99, double Max)
{
    public double PerSecond => Count / Seconds;

    public static LatencyStats From(List<double> latenciesMs, double seconds)
    {
        if (latenciesMs.Count == 0)
        {
            return new LatencyStats(0, seconds, 0, 0, 0, 0);
        }
        var sorted = latenciesMs.Order().ToArray();
        return new LatencyStats(sorted.Length, seconds, sorted.Average(), Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted[^1]);
    }

    /// <summary>Nearest-rank percentile of an ascending array.</summary>
    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{PerSecond,9:F1}/s  ({Count} in {Seconds:F2} s)  latency ms: mean {Mean:F3}  p50 {P50:F3}  p99 {P99:F3}  max {Max:F3}");
}

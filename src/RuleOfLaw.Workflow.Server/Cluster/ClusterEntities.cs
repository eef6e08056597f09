using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RuleOfLaw.Workflow.Server.Cluster;

/// <summary>
/// The one row whose <see cref="Version"/> a node raises after it changed what public pages show, so every other node
/// drops its cached public pages (<see cref="PublicCacheSync"/>).
/// </summary>
public sealed class PublicCacheStamp
{
    public const int RowId = 1;

    public int Id { get; set; }
    public long Version { get; set; }
}

/// <summary>A fixed rate-limit window counted for all nodes: how many requests of one partition (a client address, a consultation) fell in it.</summary>
public sealed class RateLimitWindow
{
    public const int PartitionLength = 200;

    public required string Partition { get; set; }

    /// <summary>Start of the window, in Unix seconds.</summary>
    public long WindowStart { get; set; }

    public int Count { get; set; }
}

public sealed class PublicCacheStampConfiguration : IEntityTypeConfiguration<PublicCacheStamp>
{
    public void Configure(EntityTypeBuilder<PublicCacheStamp> b)
    {
        b.ToTable("PublicCacheStamps");
        b.Property(s => s.Id).ValueGeneratedNever();
        b.HasData(new PublicCacheStamp { Id = PublicCacheStamp.RowId, Version = 0 });
    }
}

public sealed class RateLimitWindowConfiguration : IEntityTypeConfiguration<RateLimitWindow>
{
    public void Configure(EntityTypeBuilder<RateLimitWindow> b)
    {
        b.ToTable("RateLimitWindows");
        b.HasKey(w => new { w.Partition, w.WindowStart });
        b.Property(w => w.Partition).HasMaxLength(RateLimitWindow.PartitionLength);
        // Pruning old windows.
        b.HasIndex(w => w.WindowStart);
    }
}

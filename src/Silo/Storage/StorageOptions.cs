using System.ComponentModel.DataAnnotations;

namespace SessionKit.Silo.Storage;

public sealed class StorageOptions
{
    public const string SectionName = "SessionKit:Storage";

    /// <summary>Directory for the embedded database and keys; SESSIONKIT_DATA_DIR overrides it. Created on start.</summary>
    [Required]
    public string DataDirectory { get; set; } = "./data";
}

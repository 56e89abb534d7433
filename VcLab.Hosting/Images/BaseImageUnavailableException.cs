namespace VcLab.Hosting.Images;

/// <summary>The Debian base image could be neither found, pulled, nor built here; the message gives the ways out.</summary>
public sealed class BaseImageUnavailableException(string message, Exception? innerException = null)
    : InvalidOperationException(message, innerException);

namespace VcLab.Installer.Kubernetes.Tenancy;

/// <summary>The API server could not call vc-manager's validating webhook (vc-manager is starting, or not running): try again.</summary>
public sealed class WebhookUnavailableException(string message, Exception inner) : Exception(message, inner);

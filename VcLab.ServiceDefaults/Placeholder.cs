namespace VcLab.ServiceDefaults; internal static class Placeholder { }

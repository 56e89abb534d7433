Console.WriteLine("installer");

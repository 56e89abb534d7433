// Package standin is the body of every stand-in binary: announce, then wait for SIGTERM.
package standin

import (
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// Run prints the component's name and arguments and blocks until the process is asked to stop.
func Run(component string) {
	fmt.Printf("%s (offline stand-in) started with args: %s\n", component, strings.Join(os.Args[1:], " "))
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	<-stop
	fmt.Printf("%s stopping\n", component)
}

//go:build tools

// Package fabric pins the Hyperledger Fabric release whose commands the test
// network runs. Nothing here is compiled into a program of its own:
// test-network.sh builds the listed Fabric commands at the version go.mod pins.
package fabric

import (
	_ "github.com/hyperledger/fabric/cmd/configtxgen"
	_ "github.com/hyperledger/fabric/cmd/configtxlator"
	_ "github.com/hyperledger/fabric/cmd/cryptogen"
	_ "github.com/hyperledger/fabric/cmd/orderer"
	_ "github.com/hyperledger/fabric/cmd/osnadmin"
	_ "github.com/hyperledger/fabric/cmd/peer"
)

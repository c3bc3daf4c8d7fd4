"""moto's server (python -m moto.server) with two response fixes the live tests need (moto 5.2.1).

SearchTransitGatewayRoutes in moto 5.2: a route's transitGatewayAttachments is serialised as one object
instead of a list (the AWS SDK then reads no attachment), and MaxResults slices a dict (HTTP 500). The
real API returns a list (EC2 API Reference, TransitGatewayRoute). Both are fixed here, in the test
harness only; verify itself is written against the documented API.
"""
import copy
import sys

from moto.ec2.models.transit_gateway_route_tables import TransitGatewayRouteTableBackend

_search = TransitGatewayRouteTableBackend.search_transit_gateway_routes


def _search_fixed(self, transit_gateway_route_table_id, filters, max_results=None):
    routes = _search(self, transit_gateway_route_table_id, filters, None)
    out = []
    for r in routes:
        r = copy.copy(r)
        att = r.get("transitGatewayAttachments")
        if isinstance(att, dict):
            r["transitGatewayAttachments"] = [att]
        out.append(r)
    return out[: int(max_results)] if max_results else out


TransitGatewayRouteTableBackend.search_transit_gateway_routes = _search_fixed

if __name__ == "__main__":
    from moto.server import main

    sys.exit(main(sys.argv[1:]))

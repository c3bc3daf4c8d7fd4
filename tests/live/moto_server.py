"""moto's server (python -m moto.server) with the fixes the live tests need (moto 5.2.1), in the test
harness only; verify itself is written against the documented API.

1. SearchTransitGatewayRoutes: a route's transitGatewayAttachments is serialised as one object instead of
   a list (the AWS SDK then reads no attachment), and MaxResults slices a dict (HTTP 500). The real API
   returns a list (EC2 API Reference, TransitGatewayRoute).
2. DisassociateTransitGatewayRouteTable: moto associates every new VPC attachment with the TGW's default
   route table (which it creates even when DefaultRouteTableAssociation is disabled) without recording
   the association, so disassociating it raises KeyError (HTTP 500).
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

_disassociate = TransitGatewayRouteTableBackend.disassociate_transit_gateway_route_table


def _disassociate_fixed(self, tgw_attach_id, tgw_rt_id):
    if tgw_attach_id in self.transit_gateway_associations:
        return _disassociate(self, tgw_attach_id, tgw_rt_id)
    from moto.ec2.models.transit_gateway_route_tables import TransitGatewayRelations

    relation = TransitGatewayRelations(self, tgw_attach_id, tgw_rt_id, state="disassociated")
    self.unset_route_table_association(tgw_rt_id, tgw_attach_id=tgw_attach_id)
    self.unset_attachment_association(tgw_attach_id)
    return relation


TransitGatewayRouteTableBackend.disassociate_transit_gateway_route_table = _disassociate_fixed

if __name__ == "__main__":
    from moto.server import main

    sys.exit(main(sys.argv[1:]))

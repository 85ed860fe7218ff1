"""Independent client: python-zeep builds a client from our ?wsdl and calls the test server.

Prints one JSON document with every value zeep read back (Decimal/datetime/bytes tagged).
"""
import base64
import datetime
import decimal
import json
import sys

import zeep
from zeep.helpers import serialize_object


def tag(o):
    if isinstance(o, decimal.Decimal):
        return {"$dec": str(o)}
    if isinstance(o, (datetime.datetime, datetime.date)):
        return {"$dt": o.isoformat()}
    if isinstance(o, bytes):
        return {"$b64": base64.b64encode(o).decode()}
    raise TypeError(repr(o))


def main(wsdl):
    client = zeep.Client(wsdl)
    svc = client.service
    out = {}
    article = {
        "articleId": 42,
        "name": "Sykkel æøå <&>",
        "salesPrice": decimal.Decimal("1299.50"),
        "vat": decimal.Decimal("25"),
        "discount": decimal.Decimal("999.90"),
        "discountFrom": 1726470000000,
        "discountTo": 1727470000000,
        "visibleOnWeb": True,
        "eans": ["7070000000001", "7070000000002"],
        "articleGroup": {"arcileGroupId": 5, "groupNumber": 1, "name": "Sykler"},
        "sizeColors": [
            {"sizeColorId": 1, "stockCount": 3, "eans": ["1"], "size": {"sizeId": 7, "name": "M"}},
            {"sizeColorId": 2, "stockCount": 0, "sizeColorInUse": False, "stockDetails": [{"warehouseId": 1, "count": 0}]},
        ],
        "expectedDeliveryDate": datetime.datetime(2024, 10, 1, 12, 0, 0, tzinfo=datetime.timezone.utc),
    }
    out["sendArticle"] = serialize_object(svc.sendArticle(login=4711, password="hemmelig", article=article))
    out["getOrders"] = serialize_object(svc.getOrders(login=4711, password="hemmelig", computerName="KASSE1\\ola{orderversion:2}"))
    update = {
        "deltaOrderId": 1001,
        "orderStatusId": 5,
        "orderLines": [
            {"orderLineId": 1, "amount": 2, "qty": decimal.Decimal("2"), "info": "Serienr: 1,2"},
            {"orderLineId": -10, "amount": 1},
        ],
        "sendId": 9,
        "packageNo": "PKG1",
        "timestamp": 1726470000001,
    }
    out["updateOrderStatus"] = serialize_object(svc.updateOrderStatus(login=4711, password="hemmelig", updateOrder=update))
    json.dump(out, sys.stdout, default=tag, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])

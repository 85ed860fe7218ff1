"""Independent SOAP toolkit: python-zeep builds a client from the running gateway's ?wsdl and calls it.

Usage: zeep_gateway_client.py <wsdl-url> <login> <password>. Prints one JSON document with what zeep read back.
"""
import base64
import decimal
import json
import sys

import zeep
from zeep.helpers import serialize_object


def tag(o):
    if isinstance(o, decimal.Decimal):
        return str(o)
    if isinstance(o, bytes):
        return base64.b64encode(o).decode()
    return str(o)


def main(wsdl, login, password):
    svc = zeep.Client(wsdl).service
    login = int(login)
    out = {}
    article = {
        "articleId": 4242,
        "articleNo": "ZEEP-1",
        "name": "Sykkel æøå <&>",
        "salesPrice": decimal.Decimal("1299.50"),
        "vat": decimal.Decimal("25"),
        "visibleOnWeb": True,
        "timestamp": 1726470000000,
        "stockCount": 3,
    }
    out["sendArticle"] = serialize_object(svc.sendArticle(login=login, password=password, article=article))
    out["sendArticleStale"] = serialize_object(svc.sendArticle(login=login, password=password, article={**article, "name": "old", "timestamp": 1}))
    out["updateStockCount"] = serialize_object(
        svc.updateStockCount(login=login, password=password, updateStock={"articleId": 4242, "count": 7, "timestamp": 1726470000001})
    )
    out["sendImage"] = serialize_object(svc.sendImage(login=login, password=password, image=b"\x89PNG\r\n\x1a\n1234", articleid=4242))
    out["getOrders"] = serialize_object(svc.getOrders(login=login, password=password, computerName="KASSE1\\ola{orderversion:2}"))
    out["updateOrderStatus"] = serialize_object(
        svc.updateOrderStatus(login=login, password=password, updateOrder={"deltaOrderId": 31, "orderStatusId": 4, "orderLines": []})
    )
    out["getStatus"] = serialize_object(svc.getStatus(login=login, password=password))
    out["wrongPassword"] = serialize_object(svc.getStatus(login=login, password="wrong"))
    out["removeAricle"] = serialize_object(svc.removeAricle(login=login, password=password, articleid=4243))
    json.dump(out, sys.stdout, default=tag, ensure_ascii=False)


if __name__ == "__main__":
    main(*sys.argv[1:4])
